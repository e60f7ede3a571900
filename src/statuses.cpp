#include "retain/statuses.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>

// The statuses each platform writes, read from its documentation or public code (named beside
// each platform), and the meaning retain gives them. P = purchase, R = refunded, N = not a
// purchase, ? = unknown (left out of the vocabulary on purpose).
//
// Shopify, financial status (shopify.dev Admin GraphQL OrderDisplayFinancialStatus, Storefront
// OrderFinancialStatus; help.shopify.com "Order status"): paid P, partially_paid P,
// partially_refunded P, refunded R, pending N, authorized N, expired N, voided N, unpaid N.
// Orders cancelled in Shopify keep their financial status; the separate "Cancelled at" column says
// so and the order builder reads it. Fulfillment status: fulfilled P, partially fulfilled P;
// unfulfilled ? (it says nothing about payment). Order status: open ?, archived ?, cancelled N.
//
// WooCommerce (woocommerce.com "Managing orders"; wc_get_order_statuses() keys): wc-pending
// "Pending payment" N, wc-processing "Processing" P, wc-on-hold "On hold" N, wc-completed
// "Completed" P, wc-cancelled "Cancelled" N, wc-refunded "Refunded" R, wc-failed "Failed" N,
// wc-checkout-draft "Checkout draft" N, "Draft" N, auto-draft N, trash N. Display names of the
// language packs: de "Zahlung ausstehend" N, "In Bearbeitung" P, "In Wartestellung" N,
// "Abgeschlossen"/"Fertiggestellt" P, "Storniert" N, "Erstattet"/"Rückerstattet" R,
// "Fehlgeschlagen" N; fr "En attente de paiement" N, "En cours" P, "En attente" N, "Terminée" P,
// "Annulée" N, "Remboursée" R, "Échouée" N, "Brouillon" N; es "Pendiente de pago" N,
// "Procesando" P, "En espera" N, "Completado" P, "Cancelado" N, "Reembolsado" R, "Fallido" N,
// "Borrador" N; it "In attesa di pagamento" N, "In lavorazione" P, "In sospeso" N,
// "Completato" P, "Annullato" N, "Rimborsato" R, "Fallito" N, "Bozza" N; nl "In afwachting van
// betaling" N, "In behandeling" P, "In de wacht" N, "Afgerond" P, "Geannuleerd" N,
// "Terugbetaald" R, "Mislukt" N, "Concept" N; pt-BR "Pagamento pendente" N, "Processando" P,
// "Aguardando" N, "Concluído" P, "Cancelado" N, "Reembolsado" R, "Malsucedido" N, "Rascunho" N.
//
// Stripe (docs.stripe.com Charge.status and PaymentIntent.status; the Dashboard's payment list):
// Paid P, Succeeded P, Partially refunded P, Refunded R, Disputed P, Failed N, Blocked N,
// Canceled N, Uncaptured N, Pending N, Incomplete N, requires_capture N, requires_action N,
// requires_payment_method N, requires_confirmation N; processing P (WooCommerce's meaning wins:
// a Stripe PaymentIntent "processing" is a bank debit not yet settled).
//
// Square (Square API OrderState, Payment.status, V1OrderState, InvoiceStatus in square's SDKs):
// orders OPEN ?, COMPLETED P, CANCELED N, DRAFT N; v1 PENDING N, REFUNDED R, REJECTED N;
// payments APPROVED ? (authorized, not captured; see "approved" below), COMPLETED P, CANCELED N,
// FAILED N; invoices UNPAID N, SCHEDULED N, PARTIALLY_PAID P, PAID P, PARTIALLY_REFUNDED P,
// REFUNDED R, CANCELED N, FAILED N, PAYMENT_PENDING N.
//
// Etsy (Open API v3 ShopReceipt.status): paid P, completed P, open ?, payment processing N,
// canceled N, fully refunded R, partially refunded P.
//
// BigCommerce (v2 order_statuses; the Orders API Status enum): Incomplete N, Pending N,
// Awaiting Payment N, Awaiting Fulfillment P, Awaiting Shipment P, Awaiting Pickup P,
// Partially Shipped P, Shipped P, Completed P, Declined N, Cancelled N, Refunded R,
// Partially Refunded P, Manual Verification Required N, Disputed P.
//
// PrestaShop (install-dev/langs/{en,fr}/data/order_state.xml, KeysReference/OrderStateLang.php):
// Awaiting check/cheque payment N "En attente (du) paiement par chèque"; Payment accepted P
// "Paiement accepté"; Processing in progress P "Préparation en cours"/"En cours de préparation";
// Shipped P "Expédié"; Delivered P "Livré"; Canceled N "Annulé"; Refunded R "Remboursé"/
// "Remboursement"; Payment error N "Erreur de paiement"; On backorder (paid) P "En attente de
// réapprovisionnement (payé)", older "En cours de réapprovisionnement" P (set after payment);
// On backorder (not paid) N "(non payé)"; Awaiting bank wire payment N "En attente de virement
// bancaire"; Awaiting PayPal payment N "En attente de paiement PayPal"; Remote payment accepted P
// "Paiement à distance accepté"; Awaiting Cash On Delivery validation N; Partial refund P
// "Remboursement partiel"; Partial payment accepted P "Paiement partiel accepté".
//
// Magento 2 (magento/merchdocs src/sales/order-status.md, "Predefined order status"):
// pending N, pending_payment N, processing P, complete P, closed R (refunded through a credit
// memo), canceled N, holded "On Hold" N, payment_review N, fraud "Suspected Fraud" N,
// pending_paypal N, paypal_reversed R, paypal_canceled_reversal P (the docs spell its code
// "paypay_canceled_reversal"; both are known); state new ?, STATE_OPEN ?.
//
// Amazon (SP-API Orders OrderStatus; seller order reports): Pending N (payment not yet
// authorized), Unshipped P, PartiallyShipped P, Shipped P, Shipping P, Canceled N,
// Unfulfillable ?.
//
// Gumroad (sales CSV: boolean columns Refunded?, Fully Refunded?, Disputed?; purchase states in
// the API docs): successful P, failed N, in_progress ?, not_charged N, test_successful N (a test
// purchase moves no money), chargedback R.
//
// PayPal (developer.paypal.com Activity Download report, Status column; IPN payment_status):
// Completed P, Cleared P, Processed P, "Completed - Funds not yet available" P, Held P (the buyer
// paid; PayPal holds the funds for a time), Pending N, Pending Verification N, Denied N,
// Refunded R, Partially Refunded P, Reversed R, Canceled_Reversal P, Canceled N, Failed N,
// Expired N, Voided N, Unclaimed N, Uncleared N, Unpaid N, Returned ? (PayPal: an unclaimed
// payment sent back; elsewhere: goods sent back).
//
// The same core words in other languages (translation of the words above): de bezahlt P,
// ausstehend N, storniert N, abgebrochen N, erstattet R, rückerstattet R, versandt/versendet P,
// geliefert/zugestellt P; es pagado P, pendiente N, cancelado N, reembolsado R, enviado P,
// entregado P; it pagato P, in attesa N, annullato N, rimborsato R, spedito P, consegnato P;
// nl betaald P, in afwachting N, geannuleerd N, terugbetaald R, verzonden P, geleverd P;
// pt pago P, pendente N, cancelado N, reembolsado R, enviado P, entregue P.

namespace retain {
namespace {

constexpr status_meaning kPurchase = status_meaning::purchase;
constexpr status_meaning kRefunded = status_meaning::refunded;
constexpr status_meaning kNotPurchase = status_meaning::not_purchase;

// The tables below are laid out by hand, one status a line.
// clang-format off

// Whole statuses, folded (step 2 of the rule in statuses.h).
const std::vector<known_status>& vocabulary() {
  static const std::vector<known_status> kVocabulary = {
    // Paid: the customer bought.
    {"paid", kPurchase},
    {"payment accepted", kPurchase},
    {"payment received", kPurchase},
    {"remote payment accepted", kPurchase},
    {"partial payment accepted", kPurchase},
    {"partially paid", kPurchase},  // money was taken, if not all of it
    {"partially refunded", kPurchase},  // the customer kept part of what they bought
    {"partial refund", kPurchase},
    {"succeeded", kPurchase},
    {"successful", kPurchase},
    {"captured", kPurchase},
    {"charged", kPurchase},
    {"cleared", kPurchase},
    {"processed", kPurchase},
    {"completed funds not yet available", kPurchase},  // PayPal: paid, funds not yet released
    {"held", kPurchase},  // PayPal: the buyer paid; PayPal holds the funds for a time
    {"disputed", kPurchase},  // paid; the dispute is not decided and often is won
    {"canceled reversal", kPurchase},  // PayPal: the reversal was undone, the seller has the money
    {"cancelled reversal", kPurchase},
    {"paypal canceled reversal", kPurchase},
    {"paypay canceled reversal", kPurchase},  // Magento's status code, as its docs spell it
    // Paid, not yet shipped or shipped: WooCommerce "processing" is paid and waiting to ship.
    {"processing", kPurchase},
    {"processing in progress", kPurchase},
    {"preparation in progress", kPurchase},
    {"awaiting fulfillment", kPurchase},
    {"awaiting shipment", kPurchase},
    {"awaiting pickup", kPurchase},
    {"unshipped", kPurchase},  // Amazon: paid, not yet shipped
    {"on backorder paid", kPurchase},
    {"shipping", kPurchase},
    {"shipped", kPurchase},
    {"partially shipped", kPurchase},
    {"partiallyshipped", kPurchase},  // Amazon's API spelling
    {"delivered", kPurchase},
    {"fulfilled", kPurchase},
    {"partially fulfilled", kPurchase},
    {"complete", kPurchase},
    {"completed", kPurchase},
    {"paiement accepte", kPurchase},
    {"paiement a distance accepte", kPurchase},
    {"paiement partiel accepte", kPurchase},
    {"remboursement partiel", kPurchase},
    {"paye", kPurchase},
    {"payee", kPurchase},
    {"en cours", kPurchase},  // French WooCommerce "processing"
    {"en cours de preparation", kPurchase},
    {"preparation en cours", kPurchase},
    {"en attente de reapprovisionnement paye", kPurchase},
    {"en cours de reapprovisionnement", kPurchase},  // older PrestaShop: set after payment
    {"expedie", kPurchase},
    {"expediee", kPurchase},
    {"livre", kPurchase},
    {"livree", kPurchase},
    {"termine", kPurchase},
    {"terminee", kPurchase},
    {"bezahlt", kPurchase},
    {"teilweise bezahlt", kPurchase},
    {"in bearbeitung", kPurchase},
    {"versandt", kPurchase},
    {"versendet", kPurchase},
    {"teilweise versendet", kPurchase},
    {"geliefert", kPurchase},
    {"zugestellt", kPurchase},
    {"abgeschlossen", kPurchase},
    {"fertiggestellt", kPurchase},
    {"pagado", kPurchase},
    {"pagada", kPurchase},
    {"procesando", kPurchase},
    {"enviado", kPurchase},
    {"enviada", kPurchase},
    {"entregado", kPurchase},
    {"entregada", kPurchase},
    {"completado", kPurchase},
    {"completada", kPurchase},
    {"pagato", kPurchase},
    {"pagata", kPurchase},
    {"in lavorazione", kPurchase},
    {"spedito", kPurchase},
    {"spedita", kPurchase},
    {"consegnato", kPurchase},
    {"consegnata", kPurchase},
    {"completato", kPurchase},
    {"completata", kPurchase},
    {"betaald", kPurchase},
    {"in behandeling", kPurchase},
    {"verzonden", kPurchase},
    {"geleverd", kPurchase},
    {"afgerond", kPurchase},
    {"voltooid", kPurchase},
    {"pago", kPurchase},  // Portuguese "paid"
    {"paga", kPurchase},
    {"processando", kPurchase},
    {"em processamento", kPurchase},
    {"entregue", kPurchase},
    {"concluido", kPurchase},
    {"concluida", kPurchase},

    // Paid, then the money went back in full.
    {"refunded", kRefunded},
    {"fully refunded", kRefunded},
    {"refund", kRefunded},
    {"closed", kRefunded},  // Magento: refunded in full through a credit memo
    {"reversed", kRefunded},  // PayPal: the money was taken back, as in a refund
    {"paypal reversed", kRefunded},
    {"chargeback", kRefunded},  // the card issuer took the money back
    {"charged back", kRefunded},
    {"chargedback", kRefunded},  // Gumroad
    {"rembourse", kRefunded},
    {"remboursee", kRefunded},
    {"remboursement", kRefunded},  // PrestaShop's French name for "Refunded"
    {"erstattet", kRefunded},
    {"ruckerstattet", kRefunded},
    {"zuruckerstattet", kRefunded},
    {"reembolsado", kRefunded},
    {"reembolsada", kRefunded},
    {"rimborsato", kRefunded},
    {"rimborsata", kRefunded},
    {"terugbetaald", kRefunded},

    // Not paid (yet): nothing was bought.
    {"pending", kNotPurchase},
    {"pending payment", kNotPurchase},
    {"payment pending", kNotPurchase},
    {"awaiting payment", kNotPurchase},
    {"awaiting check payment", kNotPurchase},
    {"awaiting cheque payment", kNotPurchase},
    {"awaiting bank wire payment", kNotPurchase},
    {"awaiting paypal payment", kNotPurchase},
    {"awaiting cash on delivery validation", kNotPurchase},
    {"pending paypal", kNotPurchase},
    {"payment processing", kNotPurchase},  // Etsy: the payment has not cleared
    {"pending verification", kNotPurchase},
    {"on hold", kNotPurchase},  // WooCommerce: awaiting payment (a bank transfer, a cheque)
    {"holded", kNotPurchase},  // Magento's code for "On Hold"
    {"payment review", kNotPurchase},  // held until the payment is reviewed
    {"pending review", kNotPurchase},
    {"manual verification required", kNotPurchase},  // BigCommerce: held for a fraud review
    {"fraud", kNotPurchase},  // Magento "Suspected Fraud": no invoice was issued
    {"suspected fraud", kNotPurchase},
    // Authorized, not captured: the money is only reserved and is released when the order is
    // not captured (Shopify's "voided" and "expired" are what becomes of such orders).
    {"authorized", kNotPurchase},
    {"authorised", kNotPurchase},
    {"uncaptured", kNotPurchase},
    {"requires capture", kNotPurchase},
    {"requires payment method", kNotPurchase},
    {"requires confirmation", kNotPurchase},
    {"requires action", kNotPurchase},
    {"authentication required", kNotPurchase},
    {"unpaid", kNotPurchase},
    {"not paid", kNotPurchase},
    {"overdue", kNotPurchase},  // Shopify payment terms: due and not paid
    {"scheduled", kNotPurchase},  // Square invoice: not yet sent, so not paid
    {"not charged", kNotPurchase},  // Gumroad: a free trial or a skipped charge
    {"test successful", kNotPurchase},  // Gumroad: a test purchase moves no money
    {"unclaimed", kNotPurchase},
    {"uncleared", kNotPurchase},  // an eCheck that has not cleared
    {"on backorder not paid", kNotPurchase},
    // Never became a paid order.
    {"draft", kNotPurchase},
    {"checkout draft", kNotPurchase},
    {"auto draft", kNotPurchase},
    {"incomplete", kNotPurchase},  // BigCommerce: left at the payment page
    {"trash", kNotPurchase},  // WooCommerce: deleted by the shop
    {"abandoned", kNotPurchase},
    // Cancelled, failed.
    {"cancelled", kNotPurchase},
    {"canceled", kNotPurchase},
    {"voided", kNotPurchase},
    {"void", kNotPurchase},
    {"failed", kNotPurchase},
    {"declined", kNotPurchase},
    {"denied", kNotPurchase},
    {"rejected", kNotPurchase},
    {"blocked", kNotPurchase},
    {"expired", kNotPurchase},
    {"payment error", kNotPurchase},
    {"en attente", kNotPurchase},
    {"en attente de paiement", kNotPurchase},
    {"en attente du paiement par cheque", kNotPurchase},
    {"en attente de paiement par cheque", kNotPurchase},
    {"en attente de virement bancaire", kNotPurchase},
    {"en attente de paiement paypal", kNotPurchase},
    {"en attente de reapprovisionnement non paye", kNotPurchase},
    {"non paye", kNotPurchase},
    {"impaye", kNotPurchase},
    {"erreur de paiement", kNotPurchase},
    {"annule", kNotPurchase},
    {"annulee", kNotPurchase},
    {"echoue", kNotPurchase},
    {"echouee", kNotPurchase},
    {"brouillon", kNotPurchase},
    {"ausstehend", kNotPurchase},
    {"zahlung ausstehend", kNotPurchase},
    {"in wartestellung", kNotPurchase},
    {"unbezahlt", kNotPurchase},
    {"storniert", kNotPurchase},
    {"abgebrochen", kNotPurchase},
    {"fehlgeschlagen", kNotPurchase},
    {"entwurf", kNotPurchase},
    {"pendiente", kNotPurchase},
    {"pendiente de pago", kNotPurchase},
    {"en espera", kNotPurchase},
    {"impagado", kNotPurchase},
    {"sin pagar", kNotPurchase},
    {"cancelado", kNotPurchase},
    {"cancelada", kNotPurchase},
    {"fallido", kNotPurchase},
    {"borrador", kNotPurchase},
    {"in attesa", kNotPurchase},
    {"in attesa di pagamento", kNotPurchase},
    {"in sospeso", kNotPurchase},
    {"annullato", kNotPurchase},
    {"annullata", kNotPurchase},
    {"fallito", kNotPurchase},
    {"bozza", kNotPurchase},
    {"in afwachting", kNotPurchase},
    {"in afwachting van betaling", kNotPurchase},
    {"in de wacht", kNotPurchase},
    {"onbetaald", kNotPurchase},
    {"openstaand", kNotPurchase},  // Dutch "outstanding": not paid
    {"geannuleerd", kNotPurchase},
    {"mislukt", kNotPurchase},
    {"concept", kNotPurchase},  // Dutch WooCommerce "draft"
    {"pendente", kNotPurchase},
    {"pagamento pendente", kNotPurchase},
    {"aguardando", kNotPurchase},
    {"aguardando pagamento", kNotPurchase},
    {"malsucedido", kNotPurchase},
    {"rascunho", kNotPurchase},
  };
  return kVocabulary;
}

// The words of steps 3 to 7, folded. Each list is searched whole-word.
constexpr std::string_view kNegations[] = {"not",  "no",  "non", "nicht", "kein", "keine", "niet",
                                           "geen", "nao", "nie", "never", "pas",  "ne",    "sin"};
constexpr std::string_view kPaidWords[] = {"paid",   "paye",   "payee",   "bezahlt",
                                           "pagado", "pagada", "pagato",  "pagata",
                                           "pago",   "paga",   "betaald", "charged",
                                           "captured"};
// Things other than the order that a cancel, fail or refund word may be about.
constexpr std::string_view kOtherThings[] = {
    "return",       "returned",     "returns",      "refund",       "refunds",
    "shipment",     "shipping",     "delivery",     "reversal",     "dispute",
    "chargeback",   "subscription", "exchange",     "retour",       "retours",
    "livraison",    "expedition",   "abonnement",   "remboursement", "lieferung",
    "versand",      "zustellung",   "rucksendung",  "retoure",      "erstattung",
    "devolucion",   "envio",        "entrega",      "suscripcion",  "reembolso",
    "reso",         "spedizione",   "consegna",     "abbonamento",  "rimborso",
    "verzending",   "levering",     "terugbetaling", "devolucao",   "assinatura"};
constexpr std::string_view kCancelWords[] = {
    "cancelled",  "canceled",   "void",        "voided",      "failed",     "failure",
    "declined",   "denied",     "rejected",    "refused",     "blocked",    "expired",
    "error",      "abandoned",  "annule",      "annulee",     "echoue",     "echouee",
    "echec",      "erreur",     "refuse",      "refusee",     "expire",     "expiree",
    "abandonne",  "storniert",  "abgebrochen", "fehlgeschlagen", "abgelehnt", "abgelaufen",
    "fehler",     "cancelado",  "cancelada",   "anulado",     "anulada",    "fallido",
    "fallida",    "rechazado",  "rechazada",   "caducado",    "caducada",   "expirado",
    "expirada",   "annullato",  "annullata",   "cancellato",  "cancellata", "fallito",
    "fallita",    "rifiutato",  "rifiutata",   "scaduto",     "scaduta",    "errore",
    "geannuleerd", "mislukt",   "geweigerd",   "afgewezen",   "verlopen",   "recusado",
    "recusada",   "falhou",     "falhado",     "malsucedido", "erro"};
constexpr std::string_view kRefundWords[] = {
    "refunded",  "rembourse",   "remboursee",  "erstattet", "ruckerstattet", "zuruckerstattet",
    "reembolsado", "reembolsada", "rimborsato", "rimborsata", "terugbetaald"};
constexpr std::string_view kPartlyWords[] = {
    "partially",   "partial",    "partly",      "partiellement", "partiel",   "partielle",
    "teilweise",   "parcialmente", "parcial",   "parzialmente",  "parziale", "gedeeltelijk",
    "deels"};
constexpr std::string_view kWaitingWords[] = {
    "pending", "awaiting",  "waiting", "attente",    "ausstehend", "wartet",   "warten",
    "pendiente", "espera",  "attesa",  "afwachting", "aguardando", "pendente", "outstanding",
    "due"};
constexpr std::string_view kPaymentWords[] = {
    "payment", "pay",    "paiement", "zahlung", "pago",     "pagamento", "betaling",
    "cheque",  "check",  "wire",     "virement", "transfer", "paypal"};

template <std::size_t N>
bool is_one_of(std::string_view word, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

// Calls f(word) for each space-separated word of a folded status, in order.
template <class F>
void for_each_word(std::string_view folded, F f) {
  while (!folded.empty()) {
    std::size_t end = folded.find(' ');
    f(folded.substr(0, end));
    if (end == std::string_view::npos) break;
    folded.remove_prefix(end + 1);
  }
}

template <std::size_t N>
bool has_word(std::string_view folded, const std::string_view (&list)[N]) {
  bool found = false;
  for_each_word(folded, [&](std::string_view w) { found = found || is_one_of(w, list); });
  return found;
}

// The ASCII letters of U+00C0 to U+00FF (× and ÷ separate words instead).
constexpr std::string_view kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // C0-CF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // D0-DF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // E0-EF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};  // F0-FF
// The ASCII letter of each of U+0100 to U+017F (Latin Extended-A); Ĳ ĳ and Œ œ are two letters.
constexpr std::string_view kLatinExtendedA =
    "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "ii" "jj" "kkk"
    "llllllllll" "nnnnnnnnn" "oooooo" "oo" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy"
    "zzzzzz" "s";
static_assert(kLatinExtendedA.size() == 0x80, "one letter per code point");
// clang-format on

// What a code point beyond ASCII folds to.
struct folded_code_point {
  enum kind { letters, separator, dropped, kept } what;
  std::string_view ascii;  ///< the letters, for `letters`
};

folded_code_point fold_code_point(std::uint32_t cp) {
  using f = folded_code_point;
  if (cp == 0xD7 || cp == 0xF7) return {f::separator, {}};  // × and ÷
  if (cp >= 0xC0 && cp <= 0xFF) return {f::letters, kLatin1[cp - 0xC0]};
  if (cp == 0x132 || cp == 0x133) return {f::letters, "ij"};
  if (cp == 0x152 || cp == 0x153) return {f::letters, "oe"};
  if (cp >= 0x100 && cp <= 0x17F) return {f::letters, kLatinExtendedA.substr(cp - 0x100, 1)};
  if (cp >= 0x300 && cp <= 0x36F) return {f::dropped, {}};  // a combining (decomposed) accent
  // Latin-1 symbols and spaces (no-break space, « », ¿ ¡), general punctuation (’ “ ” – — …),
  // the ideographic space.
  if (cp < 0xC0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000) return {f::separator, {}};
  return {f::kept, {}};  // a letter of another script
}

// The length of the UTF-8 sequence at s[i] and its code point; 0 when it is not valid UTF-8.
std::size_t decode_utf8(std::string_view s, std::size_t i, std::uint32_t& cp) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = byte(i);
  std::size_t n = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  cp = b & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kSmallest[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

}  // namespace

std::string fold_status(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  // Appends letters, after one space when a separator came before them.
  auto put = [&](std::string_view letters) {
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += letters;
  };
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      char lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) {
        put(std::string_view(&lower, 1));
      } else {
        pending_space = true;  // '_', '-', spaces, punctuation
      }
      ++i;
      continue;
    }
    std::uint32_t cp = 0;
    std::size_t n = decode_utf8(text, i, cp);
    if (n == 0) {  // not UTF-8: the byte is kept as it is
      put(text.substr(i, 1));
      ++i;
      continue;
    }
    folded_code_point f = fold_code_point(cp);
    if (f.what == folded_code_point::letters) put(f.ascii);
    if (f.what == folded_code_point::kept) put(text.substr(i, n));
    if (f.what == folded_code_point::separator) pending_space = true;
    i += n;
  }
  // WooCommerce stores its statuses as "wc-pending", "wc-completed", ...
  if (out.size() > 3 && out.compare(0, 3, "wc ") == 0) out.erase(0, 3);
  return out;
}

namespace {

// classify_status of text already folded.
status_meaning classify_folded(const std::string& folded) {
  if (folded.empty()) return status_meaning::purchase;  // no status says nothing against it

  for (const known_status& k : vocabulary()) {
    if (k.folded == folded) return k.meaning;
  }

  // A negation before a paid word is "not paid"; any other negation, unknown.
  bool negated = false;
  bool not_paid = false;
  for_each_word(folded, [&](std::string_view w) {
    not_paid = not_paid || (negated && is_one_of(w, kPaidWords));
    negated = negated || is_one_of(w, kNegations);
  });
  if (not_paid) return status_meaning::not_purchase;
  if (negated) return status_meaning::unknown;

  const bool about_order = !has_word(folded, kOtherThings);
  const bool partly = has_word(folded, kPartlyWords);
  if (about_order && has_word(folded, kCancelWords)) {
    return partly ? status_meaning::purchase : status_meaning::not_purchase;
  }
  if (about_order && has_word(folded, kRefundWords)) {
    return partly ? status_meaning::purchase : status_meaning::refunded;
  }
  if (has_word(folded, kWaitingWords) && has_word(folded, kPaymentWords)) {
    return status_meaning::not_purchase;
  }
  return status_meaning::unknown;
}

}  // namespace

status_meaning classify_status(std::string_view text) { return classify_folded(fold_status(text)); }

status_verdict judge_status(std::string_view text, const std::vector<std::string>& include,
                            const std::vector<std::string>& exclude) {
  const std::string folded = fold_status(text);
  const status_meaning meaning = classify_folded(folded);
  auto listed = [&](const std::vector<std::string>& list) {
    return std::find(list.begin(), list.end(), folded) != list.end();
  };
  if (!include.empty() && !listed(include)) return status_verdict::left_out;
  if (include.empty() && (listed(exclude) || meaning == status_meaning::not_purchase)) {
    return status_verdict::left_out;
  }
  if (meaning == status_meaning::refunded) return status_verdict::refunded;
  if (meaning == status_meaning::unknown && include.empty()) return status_verdict::unknown;
  return status_verdict::counted;
}

std::string_view meaning_name(status_meaning m) {
  switch (m) {
    case status_meaning::purchase:
      return "purchase";
    case status_meaning::refunded:
      return "refunded";
    case status_meaning::not_purchase:
      return "not a purchase";
    case status_meaning::unknown:
      return "unknown";
  }
  return "unknown";
}

const std::vector<known_status>& known_statuses() { return vocabulary(); }

}  // namespace retain
