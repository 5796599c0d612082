import { remembered } from '../../../src/http/input/remembered';

describe('remembered', () => {
  it('works an input out once, null answers included', () => {
    const answer = jest.fn((input: string) => (input === '' ? null : input.length));
    const known = remembered(answer, 8);
    expect([known('abc'), known('abc'), known(''), known('')]).toEqual([3, 3, null, null]);
    expect(answer).toHaveBeenCalledTimes(2);
  });

  it('keeps at most `max` answers: all are forgotten when that many are kept, and worked out again', () => {
    const answer = jest.fn((input: string) => input.toUpperCase());
    const known = remembered(answer, 3);
    for (const input of ['a', 'b', 'c']) known(input);
    expect(known('a')).toBe('A');
    expect(answer).toHaveBeenCalledTimes(3);
    expect(known('d')).toBe('D'); // the fourth: the three before are forgotten
    expect(known('a')).toBe('A');
    expect(answer).toHaveBeenCalledTimes(5);
  });
});
