/**
 * `answer`, remembered per input string, for what a client sends the same way request after
 * request (a query string, an `Accept-Encoding` value) where working it out costs more than a
 * lookup. At most `max` answers are kept, and all are forgotten when that many are, so odd
 * inputs cannot grow the memory. `answer` must depend on its input only; what it returns is
 * shared between requests (never undefined: that means "not yet asked").
 */
export function remembered<T extends NonNullable<unknown> | null>(answer: (input: string) => T, max: number): (input: string) => T {
  const answers = new Map<string, T>();
  return (input) => {
    let found = answers.get(input);
    if (found === undefined) {
      if (answers.size >= max) answers.clear();
      found = answer(input);
      answers.set(input, found);
    }
    return found;
  };
}
