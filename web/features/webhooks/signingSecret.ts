import type { OnceSecretMessages } from '../../components/OnceSecret.tsx';

/** The words around a signing secret shown once (after creation and after rotation). */
export const SIGNING_SECRET: OnceSecretMessages = {
  once: 'webhooks.secret.once',
  label: 'webhooks.secret.label',
  copy: 'webhooks.secret.copy',
  copied: 'webhooks.secret.copied',
  copyFailed: 'webhooks.secret.copyFailed',
  done: 'webhooks.secret.done',
};
