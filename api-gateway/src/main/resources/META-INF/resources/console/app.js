// The console's shell: sign-in with an API key, navigation by what the key may do, and the page for the URL's hash.
import { html, render, useEffect, useState } from './lib.js';
import { api, session } from './api.js';
import { SegmentEditor, SegmentList, SegmentPage } from './segments.js';
import { ProfileLookup, ProfilePage } from './profiles.js';
import { Operations } from './operations.js';
import { Destinations } from './destinations.js';
import { Failure } from './parts.js';

const SECTIONS = [
  { path: 'segments', title: 'Segments', scope: 'segments:read' },
  { path: 'profiles', title: 'Profiles', scope: 'profiles:read' },
  { path: 'destinations', title: 'Destinations', scope: 'destinations:write' },
  { path: 'operations', title: 'Operations', scope: 'ops:read' },
];

function useHash() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const changed = () => setHash(location.hash);
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return hash;
}

function App() {
  const [me, setMe] = useState(null);
  const [checking, setChecking] = useState(!!session.key());
  useEffect(() => {
    const out = () => setMe(null);
    window.addEventListener('mosaic:signed-out', out);
    if (session.key()) api('/v1/me').then(setMe, () => setMe(null)).finally(() => setChecking(false));
    return () => window.removeEventListener('mosaic:signed-out', out);
  }, []);
  if (checking) return html`<p class="loading" role="status">Checking the key…</p>`;
  if (!me) return html`<${SignIn} onSignedIn=${setMe} />`;
  return html`<${Shell} me=${me} onSignOut=${() => { session.signOut(); setMe(null); }} />`;
}

function SignIn({ onSignedIn }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      const me = await api('/v1/me', { key: key.trim() });
      session.signIn(key.trim());
      onSignedIn(me);
    } catch (failure) {
      setError(failure.status === 401 ? { message: 'This key is not valid (or was revoked).' } : failure);
    }
  };
  return html`<main class="sign-in">
    <h1>Mosaic console</h1>
    <form onSubmit=${submit} aria-label="Sign in">
      <label>API key<input name="key" type="password" autocomplete="off" required value=${key} onInput=${(e) => setKey(e.target.value)} /></label>
      <button type="submit">Sign in</button>
      <p class="muted small">The key stays in this tab only and is forgotten when the tab closes. What you see depends on its scopes.</p>
      ${error && html`<${Failure} error=${error} />`}
    </form>
  </main>`;
}

function Shell({ me, onSignOut }) {
  const hash = useHash();
  const allowed = SECTIONS.filter((s) => me.scopes.includes(s.scope));
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const section = parts[0] === 'new-segment' ? 'segments' : parts[0] || allowed[0]?.path;
  return html`<div class="shell">
    <header>
      <a class="skip" href="#main" onClick=${(e) => { e.preventDefault(); document.getElementById('main').focus(); }}>Skip to content</a>
      <span class="brand">Mosaic</span>
      <nav aria-label="Sections"><ul>${allowed.map((s) => html`<li><a href="#/${s.path}" aria-current=${section === s.path ? 'page' : undefined}>${s.title}</a></li>`)}</ul></nav>
      <span class="who">${me.platformAdmin ? 'platform admin' : `tenant ${me.tenant}`} · key ${me.keyId}</span>
      <button type="button" onClick=${onSignOut}>Sign out</button>
    </header>
    <main id="main" tabindex="-1">${page(parts, section, me, allowed)}</main>
  </div>`;
}

function page(parts, section, me, allowed) {
  if (!allowed.some((s) => s.path === section)) {
    return allowed.length === 0
      ? html`<p>This key has none of the scopes the console shows (segments:read, profiles:read, destinations:write, ops:read).</p>`
      : html`<${Failure} error=${{ message: 'This key may not see this page.' }} />`;
  }
  if (parts[0] === 'new-segment') return me.scopes.includes('segments:write') ? html`<${SegmentEditor} />` : null;
  if (section === 'segments' && parts[1] && parts[2] === 'edit') return html`<${SegmentEditor} id=${parts[1]} key=${parts[1]} />`;
  if (section === 'segments' && parts[1]) return html`<${SegmentPage} id=${parts[1]} me=${me} key=${parts[1]} />`;
  if (section === 'segments') return html`<${SegmentList} me=${me} />`;
  if (section === 'profiles' && parts[1]) return html`<${ProfilePage} id=${parts[1]} key=${parts[1]} />`;
  if (section === 'profiles') return html`<${ProfileLookup} />`;
  if (section === 'destinations') return html`<${Destinations} />`;
  return html`<${Operations} />`;
}

const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
