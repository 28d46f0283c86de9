import { FEE_TYPES, type FeeTypeChoice, feeTypeDisplayLabel } from '@etkit/constants';
import { type DisplayTimeZone, ET_TIME_ZONE } from './time-zone.js';

/** How the pages name things the merchant configures: fee types offered, and the zone times are shown in. */
export interface SiteDisplay {
  /** The fee types the order form offers: the published ones and the merchant's own (MERCHANT_FEE_TYPES). */
  readonly feeTypes: readonly FeeTypeChoice[];
  readonly timeZone: DisplayTimeZone;
}

export const defaultSiteDisplay: SiteDisplay = { feeTypes: FEE_TYPES, timeZone: ET_TIME_ZONE };

/** The one label of a fee type: the configured choice's, else the published label or `Fee type <n>`. */
export function feeTypeText(display: SiteDisplay, feeType: number): string {
  return display.feeTypes.find((choice) => choice.value === feeType)?.label ?? feeTypeDisplayLabel(feeType);
}
