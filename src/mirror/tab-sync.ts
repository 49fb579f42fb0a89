/** The code tabs need once they talk: the election and the answers to the other tabs, fetched as one chunk. */
export { TabCoordinator } from '../tabs/tab-coordinator.js';
export { receiveFromTab } from './mirror-receiver.js';
