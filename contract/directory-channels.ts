// Channels of the partners directory (issue 3). Filled in by that feature.
export const directoryChannels = {};
