import { fitToBudget } from '../attributes/attribute-budget.js';
import type { EndpointSync } from '../attributes/endpoint-sync.js';
import { attributeBytes, attributesFingerprint, type AttributeMap } from '../attributes/guest-attributes.js';

/** `maxCustomDataBytes` when the server has not said otherwise. */
export const defaultAttributeBudget = 2048;

/**
 * What goes into `customAttributes`: the page's guest attributes and the page context,
 * fitted to the session's byte budget, and sent again only when the set changed since the
 * server last acknowledged one.
 */
export class OutgoingAttributes {
  #guest: AttributeMap = {};
  #budget = defaultAttributeBudget;
  #sent: string | undefined;

  constructor(
    private readonly pageContext: () => AttributeMap,
    private endpoint?: EndpointSync,
    /** Called with the new fingerprint when the server acknowledges a set. */
    private readonly sentChanged: (fingerprint: string | undefined) => void = () => {},
  ) {}

  /** The server configured a session: its budget, and for a new one, nothing sent yet. */
  sessionStarted(session: { newSession: boolean; maxCustomDataBytes?: number }): void {
    if (session.maxCustomDataBytes !== undefined) this.budget = session.maxCustomDataBytes;
    if (session.newSession) {
      if (this.#sent !== undefined) this.sentChanged(undefined);
      this.#sent = undefined;
    } else this.endpoint?.vouch();
  }

  get budget(): number {
    return this.#budget;
  }

  set budget(bytes: number) {
    if (Number.isInteger(bytes) && bytes > 0) this.#budget = bytes;
  }

  /** The page's own attributes, without page context. */
  get guest(): AttributeMap {
    return this.#guest;
  }

  /** Fingerprint of the set the server last acknowledged. */
  get sent(): string | undefined {
    return this.#sent;
  }

  set sent(fingerprint: string | undefined) {
    this.#sent = fingerprint;
  }

  /** Replaces the page's attributes; refused (and the old set kept) when they alone are over the budget. */
  setGuest(attributes: AttributeMap): { ok: true } | { ok: false; bytes: number } {
    const bytes = attributeBytes(attributes);
    if (bytes > this.#budget) return { ok: false, bytes };
    this.#guest = { ...attributes };
    return { ok: true };
  }

  /** The site's backend that vouches for the visitor changed (or is gone). */
  useEndpoint(endpoint: EndpointSync | undefined): void {
    this.endpoint = endpoint;
  }

  /** A message of the visitor's reached the server: the conversation exists, so the site's backend can vouch for the visitor on it. */
  delivered(): void {
    this.endpoint?.vouch();
  }

  /** The set to attach to a message written now. */
  forNewMessage(): AttributeMap {
    const fitted = fitToBudget(this.#guest, this.pageContext(), this.#budget);
    return fitted.ok ? fitted.attributes : {};
  }

  /** The set to put on the wire with this message, or undefined when the server has it already. */
  toSend(attributes: AttributeMap | undefined): AttributeMap | undefined {
    if (!attributes || Object.keys(attributes).length === 0) return undefined;
    return attributesFingerprint(attributes) === this.#sent ? undefined : attributes;
  }

  acknowledged(attributes: AttributeMap): void {
    this.#sent = attributesFingerprint(attributes);
    this.sentChanged(this.#sent);
  }
}
