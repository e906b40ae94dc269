/** Where the benchmark writes: one JSON line per result on stdout, progress on stderr. */
export const out = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
export const progress = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
