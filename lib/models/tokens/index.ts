export { countTokens, countMessagesTokens, truncateToTokens, type CountableMessage } from "./count-tokens";
