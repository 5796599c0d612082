import type { IocContainerFactory, Newable, ServiceIdentifier } from '@tsoa/runtime';
import type { Request } from 'express';
import type { MailboxService } from '../services/types';
import { contextOf } from './app-context';

/**
 * tsoa's `iocModule`: every controller is built from the mailbox service of the app that
 * received the request, and a fresh one per request (tsoa keeps status and headers on the
 * controller instance, so sharing one across concurrent requests would mix them up).
 */
export const iocContainer: IocContainerFactory<Request> = (req) => {
  const get = <T>(controller: ServiceIdentifier<T>): T => {
    if (typeof controller !== 'function') throw new Error(`no controller registered as ${String(controller)}`);
    return new (controller as Newable<T, [MailboxService]>)(contextOf(req).service);
  };
  return { get };
};
