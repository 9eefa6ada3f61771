import type { AppServices } from '../app/services';
import type { IpcRegistry } from '../ipc/registry';
import { diffFields } from '../audit/audit';
import { readCasePolicy } from '../cases/policy';
import { partnerOptions } from '../cases/partner-lookup';
import { matchesForCase, matchesForProperty, explainMatch, type MatchEnv } from './matching';
import {
  acceptOffer,
  bookViewing,
  completeLegacyMove,
  completeLegacyOffer,
  completeMove,
  declineOffer,
  makeOffer,
  offerFellThrough,
  withdrawOffer,
  type OfferEnv,
} from './offer-actions';
import { caseOffers, offersBoard, partnerOfferSummary, staleOffers } from './offer-board';
import { matchPolicy, readOfferPolicy, writeOfferPolicy } from './offer-policy';
import { getMoveRow, getOfferRow, toMoveView, toOfferView } from './offer-store';
import { createProperty, diff, lastPartnerId, setPropertyState, updateProperty } from './property-actions';
import { getPropertyRow, listProperties, toPropertyView } from './property-store';
import { refuseFutureDates } from '../past-dates';
import { ledgerCapCheck } from '../ledger/cap';

/** Handlers for properties, matching, offers and moves (issue 10). Thin: the work is in the modules they call. */
export function registerOfferHandlers(registry: IpcRegistry, services: AppServices): void {
  const env = (): OfferEnv => {
    const db = services.db();
    // The ledger's cap check (issue 11): the home landlord at the cap with no override for the case.
    return { today: services.today(), policy: readCasePolicy(db), offerPolicy: readOfferPolicy(db), ledger: ledgerCapCheck(db) };
  };
  const matchEnv = (): MatchEnv => {
    const e = env();
    return { today: e.today, policy: matchPolicy(e.policy, e.offerPolicy), ledger: e.ledger };
  };
  const offerView = (id: number) => toOfferView(services.db(), getOfferRow(services.db(), id), services.today());

  registry.register('properties.formOptions', () => ({ partners: partnerOptions(services.db()), lastPartnerId: lastPartnerId(services.db()) }));
  registry.register('properties.list', (req) => listProperties(services.db(), req));
  registry.register('properties.get', (req) => toPropertyView(getPropertyRow(services.db(), req.id)));
  registry.register('properties.create', (req) => {
    const view = services.change((tx) => createProperty(tx, req, services.today()));
    services.logger.info('properties.created', { propertyId: view.id });
    return view;
  });
  registry.register('properties.update', (req) => {
    const before = toPropertyView(getPropertyRow(services.db(), req.id));
    // Saving an unchanged form is not a change: no transaction, no audit entry.
    if (diff(before, req.property).length === 0) return before;
    return services.change((tx) => updateProperty(tx, req.id, req.property));
  });
  registry.register('properties.setState', (req) => services.change((tx) => setPropertyState(tx, req.id, req.to, req.reason, services.today())));

  registry.register('offers.matchesForProperty', (req) => matchesForProperty(services.db(), req.propertyId, req, matchEnv()));
  registry.register('offers.matchesForCase', (req) => matchesForCase(services.db(), req.caseId, matchEnv(), req.leftOutLimit, req.leftOutAfter));
  registry.register('offers.explain', (req) => explainMatch(services.db(), req.propertyId, req.caseId, matchEnv()));

  registry.register('offers.make', (req) => {
    const e = env();
    refuseFutureDates(req, e.today);
    const id = services.change((tx) => makeOffer(tx, req, e));
    services.logger.info('offers.made', { offerId: id, caseId: req.caseId });
    return offerView(id);
  });
  registry.register('offers.bookViewing', (req) => {
    const e = env();
    services.change((tx) => bookViewing(tx, req, e));
    return offerView(req.offerId);
  });
  registry.register('offers.accept', (req) => {
    const e = env();
    refuseFutureDates(req, e.today);
    services.change((tx) => acceptOffer(tx, req, e));
    return offerView(req.offerId);
  });
  registry.register('offers.decline', (req) => {
    const e = env();
    refuseFutureDates(req, e.today);
    services.change((tx) => declineOffer(tx, req, e));
    return offerView(req.offerId);
  });
  registry.register('offers.withdraw', (req) => {
    const e = env();
    refuseFutureDates(req, e.today);
    services.change((tx) => withdrawOffer(tx, req, e));
    return offerView(req.offerId);
  });
  registry.register('offers.fellThrough', (req) => {
    const e = env();
    refuseFutureDates(req, e.today);
    services.change((tx) => offerFellThrough(tx, req, e));
    return offerView(req.offerId);
  });
  registry.register('offers.completeMove', (req) => {
    const e = env();
    refuseFutureDates(req, e.today);
    const id = services.change((tx) => completeMove(tx, req, e));
    services.logger.info('offers.moved', { moveId: id, caseId: req.caseId });
    return toMoveView(getMoveRow(services.db(), id));
  });
  registry.register('offers.completeLegacyOffer', (req) => {
    refuseFutureDates(req, services.today());
    services.change((tx) => completeLegacyOffer(tx, req));
    return offerView(req.offerId);
  });
  registry.register('offers.completeLegacyMove', (req) => {
    refuseFutureDates(req, services.today());
    services.change((tx) => completeLegacyMove(tx, req));
    return toMoveView(getMoveRow(services.db(), req.moveId));
  });

  registry.register('offers.forCase', (req) => {
    const e = env();
    return caseOffers(services.db(), req.caseId, e.today, e.policy.offerCap);
  });
  registry.register('offers.board', () => {
    const e = env();
    return offersBoard(services.db(), e.today, e.offerPolicy.staleAfterDays);
  });
  registry.register('offers.stale', () => {
    const e = env();
    return staleOffers(services.db(), e.today, e.offerPolicy.staleAfterDays);
  });
  registry.register('offers.partnerSummary', (req) => partnerOfferSummary(services.db(), req.partnerId));
  registry.register('offers.getPolicy', () => readOfferPolicy(services.db()));
  registry.register('offers.updatePolicy', (req) =>
    services.change((tx) => {
      const before = readOfferPolicy(tx.db);
      const changes = diffFields(before, req, ['bedroomsFewerAllowed', 'bedroomsMoreAllowed', 'staleAfterDays']);
      writeOfferPolicy(tx.db, req);
      tx.audit({
        action: 'settings.offer_policy_updated',
        entityType: 'settings',
        entityId: 'offers.policy',
        summary: changes.length === 0 ? 'Offer policy saved with no change' : 'Offer policy changed',
        changes,
      });
      return req;
    }),
  );
}
