import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { Component, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';

interface State {
  failed: boolean;
}

/** Last line of defence: a render crash shows an explanation and a way out, never a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main style={{ padding: 24 }}>
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              <FormattedMessage id="error.crash.title" />
            </MessageBarTitle>
            <FormattedMessage id="error.crash.body" />
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => window.location.reload()}>
              <FormattedMessage id="common.reload" />
            </Button>
          </MessageBarActions>
        </MessageBar>
      </main>
    );
  }
}
