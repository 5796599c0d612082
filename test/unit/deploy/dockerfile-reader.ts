/** One Dockerfile instruction, continuation lines joined and comment lines dropped. */
export interface Instruction {
  /** Upper-cased: FROM, RUN, COPY, … */
  readonly keyword: string;
  readonly args: string;
  /** 1-based line where the instruction starts. */
  readonly line: number;
  /** Index of the build stage (the FROM) the instruction belongs to; -1 before the first FROM. */
  readonly stage: number;
}

/**
 * Splits a Dockerfile into instructions. Enough of Docker's grammar for our own files
 * (backslash continuations, comment lines inside them); the syntax itself is checked by
 * dockerfile-utils in dockerfile.test.ts.
 */
export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let stage = -1;
  let pending: { text: string; line: number } | null = null;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    if (/^\s*#/.test(line) || (pending === null && line.trim() === '')) return;
    const continued = line.endsWith('\\');
    const part = continued ? line.slice(0, -1) : line;
    pending = pending === null ? { text: part, line: index + 1 } : { ...pending, text: `${pending.text} ${part.trim()}` };
    if (continued) return;
    const match = /^\s*(\S+)\s*(.*)$/s.exec(pending.text);
    if (match?.[1] !== undefined) {
      const keyword = match[1].toUpperCase();
      if (keyword === 'FROM') stage += 1;
      instructions.push({ keyword, args: (match[2] ?? '').replace(/\s+/g, ' ').trim(), line: pending.line, stage });
    }
    pending = null;
  });
  return instructions;
}

/** The JSON (exec) form of CMD, ENTRYPOINT or HEALTHCHECK … CMD, as an argv array. */
export function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((item): item is string => typeof item === 'string')) {
    throw new Error(`not an exec-form array: ${args}`);
  }
  return parsed;
}

/** `HEALTHCHECK --interval=5s … CMD ["a", "b"]` → its options and its command. */
export function healthcheckOf(args: string): { options: Record<string, string>; command: string[] } {
  const at = args.indexOf('CMD ');
  if (at < 0) throw new Error(`HEALTHCHECK without CMD: ${args}`);
  const options = Object.fromEntries(
    args.slice(0, at).trim().split(/\s+/).filter(Boolean).map((flag) => {
      const [name, value] = flag.replace(/^--/, '').split('=');
      return [name ?? '', value ?? ''];
    }),
  );
  return { options, command: execForm(args.slice(at + 4).trim()) };
}
