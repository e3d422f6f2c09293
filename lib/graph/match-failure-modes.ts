// Grammar words that say nothing about a failure; words under three letters are dropped anyway.
const STOP_WORDS = new Set(
  [
    "about after all also and any are before been but can cannot for from had has have into its",
    "may not onto our over per some than that the their then there this too very via was were",
    "what when which while who will with without your",
  ]
    .join(" ")
    .split(" "),
);

/**
 * The failure modes a team wrote down whose symptom reads like one of the firing alerts:
 * they share at least two significant words, or one when the symptom has only one or two.
 * Modes keep their order.
 */
export function matchFailureModes<T extends { symptom: string }>(
  modes: T[],
  alerts: { name: string; summary: string | null }[],
): T[] {
  const alertWords = alerts.map(
    (alert) =>
      new Set([...toSignificantWords(alert.name), ...toSignificantWords(alert.summary ?? "")]),
  );
  return modes.filter((mode) => {
    const symptomWords = new Set(toSignificantWords(mode.symptom));
    if (symptomWords.size === 0) return false;
    const needed = symptomWords.size <= 2 ? 1 : 2;
    return alertWords.some((words) => {
      let shared = 0;
      for (const word of symptomWords) if (words.has(word)) shared++;
      return shared >= needed;
    });
  });
}

/** "PodCrashLooping (OOMKilled)" → ["pod", "crash", "loop", "oom", "kill"]. */
export function toSignificantWords(text: string): string[] {
  return text
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z\d]+/)
    .filter((word) => word.length >= 3 && !STOP_WORDS.has(word))
    .map(stemWord);
}

/** Just enough stemming for alert names: plurals, -ing and -ed, so "pods looping" meets "PodLoop". */
export function stemWord(word: string): string {
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("ing") && word.length >= 6) return undouble(word.slice(0, -3));
  if (word.endsWith("ed") && word.length >= 6) return undouble(word.slice(0, -2));
  if (word.endsWith("s") && !/(ss|us|is)$/.test(word) && word.length > 3) return word.slice(0, -1);
  return word;
}

// "stopping" → "stopp" → "stop"; doubled l, s and z are usually part of the word ("kill").
function undouble(stem: string): string {
  const last = stem.at(-1);
  if (last && last === stem.at(-2) && !"lsz".includes(last) && /[^aeiou]/.test(last)) {
    return stem.slice(0, -1);
  }
  return stem;
}
