// What a database command touches, never its values: the slow-command log (mongo.ts) and the
// MongoDB spans' statement (tracing.ts) show it. No imports: tracing loads it before the driver.
export type CommandShape = { command: string; collection: string; shape: string };

/**
 * The shape of a command, never its values (they may hold personal data): the command, its
 * collection and the keys of its filter, e.g. `find cases {district,registeredAt}`. A slow
 * command's shape is what says which access path lacks an `_id` read (docs/adr/0004, 0005).
 */
export function shapeOf(commandName: string, command: Record<string, unknown>): CommandShape {
  const collection = typeof command[commandName] === 'string' ? (command[commandName] as string) : '';
  const filters: unknown[] = [command.filter, command.query];
  for (const list of [command.updates, command.deletes]) {
    if (Array.isArray(list)) filters.push(...list.map((entry) => (entry as { q?: unknown }).q));
  }
  const keys = new Set<string>();
  for (const filter of filters) {
    if (filter && typeof filter === 'object') for (const key of Object.keys(filter)) keys.add(key);
  }
  return { command: commandName, collection, shape: keys.size > 0 ? `{${[...keys].join(',')}}` : '' };
}
