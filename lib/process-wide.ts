// The production server loads lib/ twice in one process: its own webhook path, and Next's bundle
// for everything else. State that must be one per process (caches other requests invalidate,
// the background loops) is kept on globalThis under a name, so both copies share it.
const store = globalThis as typeof globalThis & { __faultline?: Map<string, unknown> };

export function processWide<T>(name: string, create: () => T): T {
  store.__faultline ??= new Map();
  if (!store.__faultline.has(name)) store.__faultline.set(name, create());
  return store.__faultline.get(name) as T;
}
