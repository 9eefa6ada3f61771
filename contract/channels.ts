import type { ParsedRequestOf, RequestOf, ResponseOf } from './channel';
import type { Result } from './result';
import { sessionChannels } from './session';
import { settingsChannels } from './settings';
import { directoryChannels } from './directory-channels';
import { caseChannels } from './case-channels';
import { circulationChannels } from './circulation-channels';
import { backupChannels } from './backup-channels';
import { jobChannels } from './jobs';
import { draftChannels } from './drafts';
import { privacyChannels } from './privacy';
import { propertyChannels } from './properties-channels';
import { offerChannels } from './offers-channels';
import { enquiryChannels } from './enquiries';
import { ledgerChannels } from './ledger-channels';
import { demoChannels } from './demo';
import { reportChannels } from './reports-channels';
import { rightsChannels } from './rights';
import type { AppEvent } from './events';

/** The one map of every channel between renderer and main. Feature files contribute their own slice. */
export const contract = {
  ...sessionChannels,
  ...settingsChannels,
  ...directoryChannels,
  ...caseChannels,
  ...circulationChannels,
  ...backupChannels,
  ...jobChannels,
  ...draftChannels,
  ...privacyChannels,
  ...propertyChannels,
  ...offerChannels,
  ...enquiryChannels,
  ...ledgerChannels,
  ...demoChannels,
  ...reportChannels,
  ...rightsChannels,
};

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type Req<C extends ChannelName> = RequestOf<Contract[C]>;
export type ParsedReq<C extends ChannelName> = ParsedRequestOf<Contract[C]>;
export type Res<C extends ChannelName> = ResponseOf<Contract[C]>;

export const channelNames = Object.keys(contract) as ChannelName[];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}

/** `cases.list` becomes `api.cases.list(req)`. */
type Namespace<C extends string> = C extends `${infer N}.${string}` ? N : never;

export type Api = {
  [N in Namespace<ChannelName>]: {
    [C in Extract<ChannelName, `${N}.${string}`> as C extends `${N}.${infer M}` ? M : never]: (req: Req<C>) => Promise<Result<Res<C>>>;
  };
} & {
  onEvent(listener: (event: AppEvent) => void): () => void;
};
