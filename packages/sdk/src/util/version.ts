/** The SDK's version: the one place it is written besides package.json (package-contract.test.ts checks both agree). */
export const SDK_VERSION = '0.1.0';
