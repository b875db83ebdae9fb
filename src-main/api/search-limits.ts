/**
 * How many hits the till's searches show: the item search (收费) and the diagnosis search (就诊信息).
 * The first of them is what Enter takes, so bench/till.ts and the e2e tests ask with the same limit to know
 * it (the order among equal-ranked items depends on how many are fetched). A module of its own: the renderer
 * imports it without the API schemas.
 */
export const ITEM_SEARCH_SHOWN = 15;
export const DIAGNOSIS_SEARCH_SHOWN = 12;
