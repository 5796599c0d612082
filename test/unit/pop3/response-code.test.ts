import { Pop3ProtocolError } from '../../../src/pop3/errors';
import { isCredentialRefusal, parseResponseCode, parseStatusLine } from '../../../src/pop3/response-code';

describe('parseStatusLine', () => {
  it('reads +OK with text', () => {
    expect(parseStatusLine('+OK 2 320\r\n')).toEqual({ ok: true, continuation: false, respCode: undefined, text: '2 320', rest: '2 320' });
  });

  it('reads a bare +OK', () => {
    expect(parseStatusLine(Buffer.from('+OK\r\n'))).toMatchObject({ ok: true, text: '' });
  });

  it('reads -ERR with an RFC 2449 response code', () => {
    expect(parseStatusLine('-ERR [IN-USE] Do you have another POP session running?\r\n')).toMatchObject({
      ok: false,
      continuation: false,
      respCode: 'IN-USE',
      text: 'Do you have another POP session running?',
    });
  });

  it('reads hierarchical RFC 3206 codes and upper-cases them', () => {
    expect(parseStatusLine('-ERR [sys/temp] busy')).toMatchObject({ respCode: 'SYS/TEMP', text: 'busy' });
  });

  it('keeps Gmail-style [AUTH] text whole, link included', () => {
    const status = parseStatusLine('-ERR [AUTH] Application-specific password required: https://support.google.com/accounts/answer/185833\r\n');
    expect(status).toMatchObject({ respCode: 'AUTH', text: 'Application-specific password required: https://support.google.com/accounts/answer/185833' });
  });

  it('reads a SASL continuation', () => {
    expect(parseStatusLine('+ \r\n')).toMatchObject({ continuation: true, ok: false, text: '' });
    expect(parseStatusLine('+\r\n')).toMatchObject({ continuation: true });
  });

  it.each(['+ OK 2 320', '+ OK', '+ eyJzdGF0dXMiOiI0MDAifQ==', '+\tOK'])('never reads %j as +OK: it is a continuation', (line) => {
    expect(parseStatusLine(`${line}\r\n`)).toMatchObject({ ok: false, continuation: true });
  });

  it('reads only a whole +OK indicator (case-insensitive) as +OK', () => {
    expect(parseStatusLine('+ok\r\n')).toMatchObject({ ok: true, continuation: false });
    expect(() => parseStatusLine('+OKAY\r\n')).toThrow(Pop3ProtocolError);
  });

  it('keeps the greeting text whole in `rest`, timestamp included', () => {
    expect(parseStatusLine('+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n').rest).toBe(
      'POP3 server ready <1896.697170952@dbc.mtview.ca.us>',
    );
  });

  it.each(['OK', '+OKAY', '-ERROR x', '', '* OK imap'])('refuses %j as a protocol error', (line) => {
    expect(() => parseStatusLine(`${line}\r\n`)).toThrow(Pop3ProtocolError);
  });
});

describe('parseResponseCode', () => {
  it('leaves text without a code alone', () => {
    expect(parseResponseCode('no such message')).toEqual({ respCode: undefined, text: 'no such message' });
  });

  it('does not take a bracket later in the text for a code', () => {
    expect(parseResponseCode('bad [thing]')).toEqual({ respCode: undefined, text: 'bad [thing]' });
  });
});

describe('isCredentialRefusal', () => {
  it('treats a plain -ERR and [AUTH] at login as refused credentials', () => {
    expect(isCredentialRefusal(undefined)).toBe(true);
    expect(isCredentialRefusal('AUTH')).toBe(true);
  });

  it.each(['IN-USE', 'LOGIN-DELAY', 'SYS/TEMP', 'SYS/PERM'])('treats [%s] as the server, not the credentials', (code) => {
    expect(isCredentialRefusal(code)).toBe(false);
  });
});
