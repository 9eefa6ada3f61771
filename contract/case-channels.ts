// Channels of cases (issue 4). Filled in by that feature.
export const caseChannels = {};
