import * as responses from '../../../src/controllers/problem-responses';
import { PROBLEM_KINDS, type ProblemJson } from '../../../src/models/problem';
import { PROBLEM_TYPE_BASE } from '../../../src/http/problems/problem';

/** The spec's problem examples are literals (tsoa reads them at generation time): hold them to the one table. */
const examples = Object.entries(responses).filter((entry): entry is [string, ProblemJson] => typeof entry[1] === 'object' && 'code' in entry[1]);

describe('the problem examples published in the spec', () => {
  test('there is one for every code a route answers with', () => {
    const codes = new Set(examples.map(([, example]) => example.code));
    expect(codes.size).toBeGreaterThanOrEqual(9);
  });

  test.each(examples)('%s has the type, status and title its code is answered with', (_name, example) => {
    const [status, title] = PROBLEM_KINDS[example.code];
    expect(example).toMatchObject({ type: PROBLEM_TYPE_BASE + example.code, status, title });
  });
});
