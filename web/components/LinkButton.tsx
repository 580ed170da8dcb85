import { Button, type ButtonProps } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useLinkHandler } from '../routes/router.tsx';

/** A link that looks like a Fluent button (a prominent way to a page), navigating inside the SPA. */
export function LinkButton({
  href,
  appearance,
  icon,
  className,
  children,
}: {
  href: string;
  appearance?: ButtonProps['appearance'];
  icon?: ButtonProps['icon'];
  className?: string;
  children: ReactNode;
}) {
  const onClick = useLinkHandler(href);
  return (
    <Button as="a" href={href} onClick={onClick} appearance={appearance} icon={icon} className={className}>
      {children}
    </Button>
  );
}
