import { type ReactNode, useMemo, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { ProgramBrandContext } from '../../components/programBrand.tsx';
import { PublicLayout } from './PublicLayout.tsx';

/**
 * Layout of the pages opened from an email by people outside the partner (the customer's consent and
 * survey, an invitee's page): the public layout, headed by the program and the partner (issue 15: it
 * said "MCI Customers", this app's internal name).
 */
export function ProgramLayout({ children }: { children: ReactNode }) {
  const [partner, setPartner] = useState<string | null>(null);
  const brand = useMemo(() => ({ setPartner }), []);
  return (
    <ProgramBrandContext.Provider value={brand}>
      <PublicLayout
        product={
          partner ? (
            <FormattedMessage id="program.brandWithPartner" values={{ partner }} />
          ) : (
            <FormattedMessage id="program.brand" />
          )
        }
      >
        {children}
      </PublicLayout>
    </ProgramBrandContext.Provider>
  );
}
