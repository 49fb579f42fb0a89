// The demo site's sign-in, as a site gives it to the chat: when the site has a signed-in
// user (the server marks the element with `auth` and `data-user`), the widget gets an auth
// provider. Its codes come from the site's backend, which got one from Fernhill ID right
// after the visitor signed in (authorization code flow with PKCE); the contact centre
// redeems it. Runs before the widget's script, so the provider is there when it starts.
const chat = document.querySelector('persistent-chat[data-user]');

if (chat) {
  const here = () => encodeURIComponent(location.pathname + location.search);
  chat.auth = {
    user: chat.dataset.user,
    async getAuthCode() {
      const response = await fetch('/auth/messaging-code/take', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      if (response.ok) return response.json();
      // None waiting: a new one from Fernhill ID (a redirect, without a prompt while the visitor is signed in there).
      location.assign(`/auth/messaging-code/new?return=${here()}`);
      return new Promise(() => {});
    },
    async reAuthenticate() {
      location.assign(`/auth/sign-in?return=${here()}`);
      return new Promise(() => {});
    },
  };
}

// Signing out of the site signs the visitor out of the chat first: their conversation leaves this device.
for (const link of document.querySelectorAll('[data-sign-out]')) {
  link.addEventListener('click', async (event) => {
    event.preventDefault();
    await customElements.whenDefined('persistent-chat');
    await document.querySelector('persistent-chat')?.signOut();
    location.assign(link.href);
  });
}
