"use client";

import { useEffect, useState } from "react";

/** The current time, starting from the server's so the first render matches, then ticking. */
export function useNow(serverNow: string, everySeconds = 5): Date {
  const [now, setNow] = useState(() => new Date(serverNow));
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), everySeconds * 1000);
    return () => clearInterval(timer);
  }, [everySeconds]);
  return now;
}
