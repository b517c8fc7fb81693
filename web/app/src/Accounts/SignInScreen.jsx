// Sign up and sign in: both answer a bearer token, kept in this browser until the user signs out.
import { useState } from 'preact/hooks';
import { mutate, signIn } from '../api/client.js';
import { navigate } from '../api/router.js';
import { ErrorNote, Field, Screen, Segmented, useAction } from '../ui/ui.jsx';

const ACCOUNT = 'account { id handle roles isTeen }';
const SIGN_UP = `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { token ${ACCOUNT} errors { code message field } } }`;
const SIGN_IN = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { token ${ACCOUNT} errors { code message field } } }`;

export function SignInScreen() {
  const [mode, setMode] = useState('signin');
  return (
    <Screen title={mode === 'signup' ? 'Create your account' : 'Sign in'}>
      <Segmented label="Account" value={mode} onChange={setMode}
        options={[{ value: 'signin', label: 'Sign in' }, { value: 'signup', label: 'Sign up' }]} />
      {mode === 'signup' ? <SignUpForm /> : <SignInForm />}
    </Screen>
  );
}

function done(payload) {
  signIn(payload.token, payload.account);
  navigate('/feed');
}

function SignInForm() {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(async () => done(await mutate(SIGN_IN, { input: { login, password } }, 'signIn')));
  return (
    <form class="card" onSubmit={(e) => { e.preventDefault(); action.run(); }} aria-label="Sign in">
      <Field label="Handle or email">{(a) => <input {...a} name="login" autocomplete="username" required value={login} onInput={(e) => setLogin(e.currentTarget.value)} />}</Field>
      <Field label="Password">{(a) => <input {...a} name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />}</Field>
      <ErrorNote error={action.error} />
      <button class="primary" type="submit" disabled={action.busy}>{action.busy ? 'Signing in…' : 'Sign in'}</button>
    </form>
  );
}

function SignUpForm() {
  const [form, setForm] = useState({ handle: '', email: '', password: '', birthDate: '' });
  const set = (key) => (e) => setForm({ ...form, [key]: e.currentTarget.value });
  const action = useAction(async () => done(await mutate(SIGN_UP, { input: form }, 'signUp')));
  const fieldError = (name) => (action.error?.field === name ? action.error.message : undefined);
  return (
    <form class="card" onSubmit={(e) => { e.preventDefault(); action.run(); }} aria-label="Sign up">
      <Field label="Handle" hint="Letters, digits, dots and underscores; people @mention you by it." error={fieldError('handle')}>
        {(a) => <input {...a} name="handle" autocomplete="username" required value={form.handle} onInput={set('handle')} />}
      </Field>
      <Field label="Email" hint="Never shown to anyone; kept encrypted." error={fieldError('email')}>
        {(a) => <input {...a} name="email" type="email" autocomplete="email" required value={form.email} onInput={set('email')} />}
      </Field>
      <Field label="Password" hint="At least 10 characters." error={fieldError('password')}>
        {(a) => <input {...a} name="password" type="password" autocomplete="new-password" required value={form.password} onInput={set('password')} />}
      </Field>
      <Field label="Date of birth" hint="Accounts of 13 to 17 year olds get teen protections." error={fieldError('birthDate')}>
        {(a) => <input {...a} name="birthDate" type="date" required value={form.birthDate} onInput={set('birthDate')} />}
      </Field>
      <ErrorNote error={action.error && !action.error.field ? action.error : null} />
      <button class="primary" type="submit" disabled={action.busy}>{action.busy ? 'Creating…' : 'Create account'}</button>
    </form>
  );
}
