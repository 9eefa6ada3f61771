import type { AppServices } from '../app/services';
import type { IpcRegistry } from '../ipc/registry';
import { countEnquiries, createEnquiry, listEnquiries } from './enquiries';

/** Enquiries that did not become cases: recorded without identity, counted by the reports. */
export function registerEnquiryHandlers(registry: IpcRegistry, services: AppServices): void {
  registry.register('enquiries.create', (req) => {
    const today = services.today();
    const enquiry = services.change((tx) => createEnquiry(tx, req, today));
    services.logger.info('enquiries.recorded', { enquiryId: enquiry.id });
    return enquiry;
  });
  registry.register('enquiries.list', (req) => listEnquiries(services.db(), req.limit));
  registry.register('enquiries.count', (req) => countEnquiries(services.db(), req.from, req.to));
}
