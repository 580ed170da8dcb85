import { Button } from '@fluentui/react-components';
import { ArrowUploadRegular } from '@fluentui/react-icons';
import { lazy, Suspense, useRef, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { invalidate } from '../../api/cache.ts';

// The dialog (and the CSV reader it uses for the report's first rows) loads when it is opened.
const ImportCustomersDialog = lazy(async () => ({
  default: (await import('./ImportCustomersDialog.tsx')).ImportCustomersDialog,
}));

/** "Import customers" on the Customers page (issue 14): opens the CSV import dialog. */
export function ImportCustomersButton() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = (changed: boolean) => {
    setOpen(false);
    // Customers were added: every Customers page (its rows and counts) may have changed.
    if (changed) invalidate('customers:');
    window.requestAnimationFrame(() => button.current?.focus());
  };
  return (
    <>
      <Button ref={button} id="customers-import" icon={<ArrowUploadRegular />} onClick={() => setOpen(true)}>
        <FormattedMessage id="customers.import.open" />
      </Button>
      {open ? (
        <Suspense fallback={null}>
          <ImportCustomersDialog onClose={close} />
        </Suspense>
      ) : null}
    </>
  );
}
