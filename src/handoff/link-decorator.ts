/**
 * Adds a hand-off to the visitor's navigations to the organisation's other sites, at the
 * moment they navigate: a link followed (click, keyboard, middle-click, `target=_blank`) or a
 * form submitted (GET or POST). The link or form gets the hand-off for the length of that
 * event and its own address back straight after, so that links at rest never carry one.
 * Runs after the page's own handlers: a navigation the page cancelled is left alone.
 */
export class LinkDecorator {
  readonly #lifetime = new AbortController();

  /** `decorate` returns the address to navigate to instead, or undefined to leave it alone. */
  constructor(private readonly decorate: (url: string) => string | undefined) {
    const options = { signal: this.#lifetime.signal };
    window.addEventListener('click', this.#followed, options);
    window.addEventListener('auxclick', this.#followed, options);
    window.addEventListener('submit', this.#submitted, options);
  }

  dispose(): void {
    this.#lifetime.abort();
  }

  readonly #followed = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button > 1) return;
    const link = event.composedPath().find((target): target is HTMLAnchorElement | HTMLAreaElement => target instanceof HTMLAnchorElement || target instanceof HTMLAreaElement);
    // A download is not a visit; without a referrer the other site could not accept the hand-off.
    if (!link?.href || link.hasAttribute('download') || /\bnoreferrer\b/i.test(link.rel) || withholdsReferrer(link.referrerPolicy)) return;
    this.#during(link, 'href', link.href);
  };

  readonly #submitted = (event: SubmitEvent): void => {
    const form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement) || /\bnoreferrer\b/i.test(form.rel)) return;
    // A submit button's own `formaction` wins over the form's `action`.
    const submitter = event.submitter;
    if (submitter instanceof HTMLButtonElement || submitter instanceof HTMLInputElement) {
      if (submitter.hasAttribute('formaction')) return this.#during(submitter, 'formaction', submitter.formAction);
    }
    this.#during(form, 'action', form.action);
  };

  /** Gives `element` the decorated address until the navigation has read it. */
  #during(element: Element, attribute: string, address: string): void {
    const decorated = this.decorate(address);
    if (decorated === undefined) return;
    const before = element.getAttribute(attribute);
    element.setAttribute(attribute, decorated);
    setTimeout(() => (before === null ? element.removeAttribute(attribute) : element.setAttribute(attribute, before)));
  }
}

/** A referrer policy that sends no referrer to another site: the destination could only refuse the hand-off. */
function withholdsReferrer(policy: string): boolean {
  return policy === 'no-referrer' || policy === 'same-origin';
}
