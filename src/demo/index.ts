/** Demo mode: the bundled POP3 server, its certificate and sample maildrop. */
export { DemoPop3Server, startDemo } from './pop3-server';
export type { DemoPop3ServerOptions, DemoServerHandle } from './pop3-server';
export { generateDemoCertificate } from './certificate';
export type { DemoCertificate } from './certificate';
export { sampleMessages } from './sample-messages';
export { arrival, DEMO_MAIL_EVERY_S, startDemoArrivals } from './arrivals';
export { DEMO_ACCOUNT, demoAdminToken, registerDemoAccount } from './demo-account';
