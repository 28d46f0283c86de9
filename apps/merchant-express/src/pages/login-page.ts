import { html } from './html.js';
import { layout } from './layout.js';

export function loginPage(next: string, error?: string): string {
  return layout(
    'Sign in',
    html`<h1>Staff sign-in</h1>
${error === undefined ? '' : html`<div class="errors" role="alert">${error}</div>`}
<form class="login card" method="post" action="/login">
  <input type="hidden" name="next" value="${next}">
  <label>User name<input name="user" required maxlength="100" autocomplete="username"></label>
  <label>Password<input name="password" type="password" required maxlength="200" autocomplete="current-password"></label>
  <div class="wide"><button type="submit">Sign in</button></div>
</form>`,
    { signedIn: false },
  );
}
