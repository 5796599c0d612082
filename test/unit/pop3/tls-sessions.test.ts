import { EventEmitter } from 'node:events';
import type tls from 'node:tls';
import { sessionKey, TlsSessionCache } from '../../../src/pop3/tls-sessions';

/** Enough of a TLSSocket for the cache: it only listens for `session` and `error`. */
const fakeSocket = (): EventEmitter & tls.TLSSocket => new EventEmitter() as EventEmitter & tls.TLSSocket;

describe('TlsSessionCache', () => {
  it('offers the newest session the server issued for the same key, and none for another key', () => {
    const cache = new TlsSessionCache();
    const key = sessionKey('mail.example.com', 995, 'mail.example.com', 'roots:true');
    const socket = fakeSocket();
    cache.track(key, socket);
    socket.emit('session', Buffer.from('first ticket'));
    socket.emit('session', Buffer.from('second ticket'));
    expect(cache.get(key)?.toString()).toBe('second ticket');
    for (const other of [
      sessionKey('mail.example.com', 110, 'mail.example.com', 'roots:true'),
      sessionKey('mail.example.com', 995, 'other.example.com', 'roots:true'),
      sessionKey('mail.example.com', 995, 'mail.example.com', 'roots:false'),
      sessionKey('mail.example.com', 995, 'mail.example.com', 'ca0:true'),
    ]) {
      expect(cache.get(other)).toBeUndefined();
    }
  });

  it('forgets the session of a server whose connection failed', () => {
    const cache = new TlsSessionCache();
    const key = sessionKey('127.0.0.1', 995, '127.0.0.1', 'roots:true');
    const first = fakeSocket();
    cache.track(key, first);
    first.emit('session', Buffer.from('ticket'));
    const second = fakeSocket();
    cache.track(key, second);
    second.emit('error', new Error('handshake failed'));
    expect(cache.get(key)).toBeUndefined();
  });

  it('keeps at most its bound, dropping the least recently issued', () => {
    const cache = new TlsSessionCache(2);
    const keys = ['a', 'b', 'c'].map((host) => sessionKey(host, 995, host, 'roots:true'));
    for (const key of keys) {
      const socket = fakeSocket();
      cache.track(key, socket);
      socket.emit('session', Buffer.from(key));
    }
    expect(keys.map((key) => cache.get(key) !== undefined)).toEqual([false, true, true]);
  });
});
