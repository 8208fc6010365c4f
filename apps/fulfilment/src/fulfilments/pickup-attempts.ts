/** The fifth wrong pickup code locks the pickup: codes are short, so guessing must stay hopeless. */
export const MAX_PICKUP_CODE_ATTEMPTS = 5;
