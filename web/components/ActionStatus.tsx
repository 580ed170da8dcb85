import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useCallback, useRef, useState } from 'react';

export type ActionStatusValue = { intent: 'success' | 'error'; text: string; n: number };

/**
 * The outcome of the last action on a page (role changed, user deactivated, token revoked …).
 * Each announcement gets a new number, so that the same sentence twice is announced twice.
 */
export function useActionStatus() {
  const [status, setStatus] = useState<ActionStatusValue | null>(null);
  const counter = useRef(0);
  const announce = useCallback((intent: ActionStatusValue['intent'], text: string) => {
    counter.current += 1;
    setStatus({ intent, text, n: counter.current });
  }, []);
  const clear = useCallback(() => setStatus(null), []);
  return { status, announce, clear };
}

/**
 * Where the outcome shows: a MessageBar that wraps (multiline; Fluent's automatic layout keeps a
 * long sentence on one line and widens a 320 px page), errors announced assertively.
 */
export function ActionStatus({ status, testId }: { status: ActionStatusValue | null; testId: string }) {
  if (!status) return null;
  return (
    <MessageBar
      key={status.n}
      intent={status.intent}
      layout="multiline"
      politeness={status.intent === 'error' ? 'assertive' : 'polite'}
      data-testid={testId}
    >
      <MessageBarBody>{status.text}</MessageBarBody>
    </MessageBar>
  );
}
