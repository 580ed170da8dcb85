import { createContext, useContext, useEffect } from 'react';

// Issue 15: the pages a customer or an invitee opens from an email (consent, survey, invitation) are
// the program's, not this app's: their header names the Microsoft Cloud Incentives program and, once
// the page knows it, the partner. The layout holds the partner's name; the page tells it.

interface ProgramBrand {
  setPartner: (name: string | null) => void;
}

export const ProgramBrandContext = createContext<ProgramBrand | null>(null);

/** Whether the page is shown in the program's layout (its document title names the program). */
export const useInProgramLayout = (): boolean => useContext(ProgramBrandContext) !== null;

/** Names the partner in the program's header while the page is shown (no-op in other layouts). */
export function useProgramPartner(name: string | undefined): void {
  const brand = useContext(ProgramBrandContext);
  useEffect(() => {
    if (!brand || !name) return;
    brand.setPartner(name);
    return () => brand.setPartner(null);
  }, [brand, name]);
}
