/**
 * The default export of a CommonJS module compiled from ES modules: Node hands over `module.exports` (the
 * function sits on `.default`), bundlers such as vitest's hand over the function itself.
 */
export function interopDefault<T>(module: T | { default: T }): T {
  return typeof module === 'function' ? module : (module as { default: T }).default;
}
