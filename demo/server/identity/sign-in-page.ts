import { demoUsers } from './demo-users.js';

/** A page of the identity provider's own. */
export function plainPage(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem;color:#1d2a24}label,input,select,button{display:block;width:100%;margin:.35rem 0}input,select{padding:.5rem;font:inherit}button{padding:.6rem;font:inherit;background:#1f6f5c;color:#fff;border:0;border-radius:6px}.error{color:#a4262c}</style></head><body>${body}</body></html>`;
}

/** Fernhill ID's sign-in form: the demo users, their password their user name. */
export function signInPage(action: string, clientId: string, error?: string): string {
  const options = demoUsers.map((user) => `<option value="${user.username}">${user.name} (${user.username})</option>`).join('');
  return plainPage(
    'Sign in · Fernhill ID',
    `<h1>Fernhill ID</h1><p>Sign in to continue to ${clientId === 'fernhill-site' ? 'Fernhill' : 'the Fernhill chat'}.</p>${error ? `<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="${action}/login"><label>User <select name="username">${options}</select></label>
<label>Password (the demo's: the user name) <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form><p><a href="${action}/abort">Cancel</a></p>`,
  );
}
