/** Breaks a browser storage API for one test, the way real browsers break it; returns the repair. */

type Repair = () => void;

function override(target: object, property: string, descriptor: PropertyDescriptor): Repair {
  const own = Object.getOwnPropertyDescriptor(target, property);
  Object.defineProperty(target, property, { configurable: true, ...descriptor });
  return () => {
    if (own) Object.defineProperty(target, property, own);
    else delete (target as Record<string, unknown>)[property];
  };
}

/** Reading `window.localStorage` throws, as when the visitor blocks site data. */
export function localStorageThrowsSecurityError(): Repair {
  return override(window, 'localStorage', {
    get() {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    },
  });
}

/** Every write to localStorage hits the quota. */
export function localStorageIsFull(): Repair {
  return override(Storage.prototype, 'setItem', {
    value() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    },
  });
}

/** `indexedDB.open` never answers (Safari 14) or fails (old Firefox private windows). */
export function indexedDbOpen(behaviour: 'hangs' | 'fails'): Repair {
  return override(IDBFactory.prototype, 'open', {
    value() {
      const request = new EventTarget() as IDBOpenDBRequest;
      if (behaviour === 'fails') {
        Object.defineProperty(request, 'error', { value: new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError') });
        setTimeout(() => (request as unknown as { onerror?: (event: Event) => void }).onerror?.(new Event('error')));
      }
      return request;
    },
  });
}

/** The browser silently keeps no cookie, as with cookies blocked for the site. */
export function cookiesAreRefused(): Repair {
  return override(document, 'cookie', { get: () => '', set: () => {} });
}
