import { dataFiles } from '../../../main/app/data-files';
import { openForReading } from '../../../main/db/open';
import type { Db } from '../../../main/db/types';
import { readKeyFile, unwrapKey } from '../../../main/vault/key-file';
import { aReferral } from '../cases/referral-builder';
import { aPartnerInput } from '../directory/builders';
import { PASSPHRASE, createTestCore, setUp, type TestCore } from './test-core';

/** A store through the registry with one partner (Hackney Council, its stock in Hackney) and one referral from it. */
export async function oneCaseStore(today: string): Promise<{ t: TestCore; partnerId: number; caseId: number; reference: string }> {
  const t = createTestCore({ today: () => today });
  await setUp(t);
  const partner = await t.call('partners.create', aPartnerInput({ name: 'Hackney Council', stockBoroughs: ['E09000012'] }));
  const partnerId = (partner.value as { id: number }).id;
  const created = await t.call('cases.create', { ...aReferral(), currentHome: { ...aReferral().currentHome, homeLandlordPartnerId: partnerId } });
  const { id: caseId, reference } = created.value as { id: number; reference: string };
  return { t, partnerId, caseId, reference };
}

/** A second, read-only connection to the store, opened as a job's worker opens its own. */
export async function jobConnection(t: TestCore): Promise<Db> {
  const files = dataFiles(t.dataDir);
  const key = await unwrapKey(readKeyFile(files.keyFile), PASSPHRASE, 'passphrase');
  if (!key) throw new Error('The test store did not open with its passphrase');
  try {
    return openForReading(files.database, key);
  } finally {
    key.fill(0);
  }
}
