/** Where to send the mailbox owner to consent. */
export interface ConsentLink {
  /** The provider's consent page, with the gateway's app, PKCE and a sealed state (good for 15 minutes). */
  url: string;
}
