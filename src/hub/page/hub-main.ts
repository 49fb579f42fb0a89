import { Hub, readTrustedOrigins } from './hub.js';
import { HubStorage } from './hub-storage.js';

const list = document.getElementById('trusted-origins')?.textContent ?? '';
const { trusted, rejected, warnings } = readTrustedOrigins(list);
for (const entry of rejected) console.warn(`persistent-chat hub: ignoring ${JSON.stringify(entry)}: trusted origins must be exact, like "https://www.example.com" (no wildcards, paths or other schemes)`);
for (const warning of warnings) console.warn(`persistent-chat hub: ${warning}`);

const storage = new HubStorage();
// What an earlier browser session left, or what expired, is erased before anything is answered.
storage.sweep();
const hub = new Hub(trusted, storage);
hub.start();

const options = new URLSearchParams(location.hash.slice(1));
const button = document.getElementById('access');
if (options.get('mode') === 'access' && button instanceof HTMLButtonElement && typeof document.requestStorageAccess === 'function') {
  hub.offerAccess(button, options.get('label')?.slice(0, 80) || 'Allow');
}
