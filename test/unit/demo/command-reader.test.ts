import { CommandLineReader } from '../../../src/demo/command-reader';

const text = (lines: Buffer[]): string[] => lines.map((line) => line.toString('latin1'));

describe('CommandLineReader', () => {
  it('returns every command when several arrive in one chunk', () => {
    const reader = new CommandLineReader();
    const { lines, overflow } = reader.push(Buffer.from('STAT\r\nLIST\r\nUIDL 1\r\n'));
    expect(text(lines)).toEqual(['STAT', 'LIST', 'UIDL 1']);
    expect(overflow).toBe(false);
  });

  it('completes a command split across chunks, even between CR and LF', () => {
    const reader = new CommandLineReader();
    expect(reader.push(Buffer.from('RE')).lines).toEqual([]);
    expect(reader.push(Buffer.from('TR 1\r')).lines).toEqual([]);
    expect(text(reader.push(Buffer.from('\nNO')).lines)).toEqual(['RETR 1']);
    expect(text(reader.push(Buffer.from('OP\n')).lines)).toEqual(['NOOP']);
  });

  it('accepts an empty line', () => {
    expect(text(new CommandLineReader().push(Buffer.from('\r\n')).lines)).toEqual(['']);
  });

  it('reports overflow when a line without LF grows past the cap', () => {
    const reader = new CommandLineReader(16);
    expect(reader.push(Buffer.from('x'.repeat(10))).overflow).toBe(false);
    expect(reader.push(Buffer.from('x'.repeat(10))).overflow).toBe(true);
  });

  it('reports overflow for a complete line longer than the cap, keeping the lines before it', () => {
    const result = new CommandLineReader(16).push(Buffer.from(`NOOP\r\n${'x'.repeat(40)}\r\n`));
    expect(text(result.lines)).toEqual(['NOOP']);
    expect(result.overflow).toBe(true);
  });

  it('drops a partial line on clear()', () => {
    const reader = new CommandLineReader();
    reader.push(Buffer.from('USER inj'));
    reader.clear();
    expect(text(reader.push(Buffer.from('CAPA\r\n')).lines)).toEqual(['CAPA']);
  });
});
