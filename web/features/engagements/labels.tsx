import { Badge, type BadgeProps } from '@fluentui/react-components';
import { FormattedMessage, type IntlShape } from 'react-intl';
import type { Availability, EngagementKind } from '../../api/types.ts';

const KIND_MESSAGE_IDS = {
  workshop: 'engagement.kind.workshop',
  deployment: 'engagement.kind.deployment',
  consumption: 'engagement.kind.consumption',
} as const satisfies Record<EngagementKind, string>;

const AVAILABILITY_MESSAGE_IDS = {
  upcoming: 'engagement.availability.upcoming',
  active: 'engagement.availability.active',
  expired: 'engagement.availability.expired',
} as const satisfies Record<Availability, string>;

const AVAILABILITY_COLOR: Record<Availability, BadgeProps['color']> = {
  upcoming: 'informative',
  active: 'success',
  expired: 'subtle',
};

export function kindLabel(intl: IntlShape, kind: EngagementKind): string {
  return intl.formatMessage({ id: KIND_MESSAGE_IDS[kind] });
}

export function availabilityLabel(intl: IntlShape, availability: Availability): string {
  return intl.formatMessage({ id: AVAILABILITY_MESSAGE_IDS[availability] });
}

/** Upcoming / active / expired as a badge; the text carries the meaning, the colour only repeats it. */
export function AvailabilityBadge({ value }: { value: Availability }) {
  return (
    <Badge appearance="tint" color={AVAILABILITY_COLOR[value]} shape="rounded">
      <FormattedMessage id={AVAILABILITY_MESSAGE_IDS[value]} />
    </Badge>
  );
}
