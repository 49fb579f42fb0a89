import type { AttributeMap } from './guest-attributes.js';

/**
 * The page's guest attributes from both sources: declared (the `guest-attributes`
 * attribute or the `guestAttributes` property, replaced whole when it changes) and set by
 * `setGuestAttributes()` (merged in, call after call). Set values win over declared ones.
 */
export class GuestAttributeSet {
  #declared: AttributeMap = {};
  #set: AttributeMap = {};

  get effective(): AttributeMap {
    return { ...this.#declared, ...this.#set };
  }

  /** What `effective` would be with `attributes` merged in, without changing anything. */
  withSet(attributes: AttributeMap): AttributeMap {
    return { ...this.#declared, ...this.#set, ...attributes };
  }

  declare(attributes: AttributeMap): void {
    this.#declared = { ...attributes };
  }

  merge(attributes: AttributeMap): void {
    this.#set = { ...this.#set, ...attributes };
  }
}
