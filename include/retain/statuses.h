// What an order status says about the order: a purchase, a purchase later refunded in full, not a
// purchase (never paid, or cancelled), or a word the vocabulary does not know. The vocabulary holds
// the statuses that Shopify, WooCommerce, Stripe, Square, Etsy, BigCommerce, PrestaShop, Magento,
// Amazon, Gumroad and PayPal write, in English, French, German, Spanish, Italian, Dutch and
// Portuguese; src/statuses.cpp lists them by platform with their sources.
//
// How a status is matched, in this order (the first step that decides wins):
//  1. The status is folded (fold_status). Text that folds to nothing is `purchase`, as is empty
//     text: no status says nothing against the order.
//  2. A folded status that is in the vocabulary as a whole has that meaning: "paid",
//     "partially refunded", "awaiting fulfillment", "canceled reversal", "on backorder not paid".
//  3. A negation word (not, no, non, nicht, niet, nao, ...) before a paid word (paid, paye,
//     bezahlt, pagado, pagato, betaald, pago, ...) is `not_purchase` ("On backorder (not paid)",
//     "Non payé", "Not yet paid"). Any other negation makes the status `unknown`: "not cancelled"
//     says nothing the words can be trusted for.
//  4. A word naming something other than the order or its payment (return, refund, shipment,
//     delivery, dispute, reversal, subscription, ...) makes the status `unknown`: in "return
//     cancelled", "refund failed", "delivery failed" the cancel or fail word is about that thing,
//     and the order may well stand.
//  5. Any word that cancels or fails the order (cancelled, canceled, void, voided, failed,
//     declined, denied, rejected, expired, error, annule, storniert, abgebrochen, cancelado,
//     annullato, geannuleerd, ...) is `not_purchase`: "Canceled by customer", "Cancelled by admin",
//     "Payment failed", "Erreur de paiement", "Zahlung fehlgeschlagen".
//  6. A word that refunds the order (refunded, rembourse, erstattet, reembolsado, rimborsato,
//     terugbetaald, ...) is `refunded`, or `purchase` when a word says partly (partially, partial,
//     partiellement, teilweise, parcialmente, parzialmente, gedeeltelijk): "Refunded by admin",
//     "Teilweise erstattet".
//  7. A waiting word (pending, awaiting, attente, ausstehend, pendiente, attesa, afwachting,
//     aguardando, ...) with a payment word (payment, paiement, zahlung, pago, pagamento, betaling,
//     cheque, check, wire, virement, transfer, paypal) is `not_purchase`: "Awaiting PayPal
//     payment", "En attente de paiement par carte", "Zahlung ausstehend".
//  8. Anything else is `unknown`. Words are matched whole, never as parts of words: "uncaptured" is
//     not "captured", "avoid" is not "void".
//
// Hard cases, decided (the reason for each is beside its entry in src/statuses.cpp):
//  - pending, on hold, awaiting payment, payment review, manual verification required, suspected
//    fraud: not paid yet, so `not_purchase`.
//  - authorized, uncaptured, requires capture: the payment is only reserved on the card and is
//    voided or expires when it is not captured, so `not_purchase`. "approved" is left `unknown`:
//    Square means authorized, Mercado Pago means paid.
//  - processing, awaiting fulfillment, awaiting shipment, unshipped: paid, not yet shipped:
//    `purchase`. shipped, delivered, fulfilled, complete, completed: `purchase`.
//  - partially paid and partially refunded: money was kept, so `purchase`.
//  - disputed: paid and the dispute is not decided, so `purchase`. reversed, chargeback, charged
//    back: the money went back to the buyer, as in a full refund, so `refunded`. PayPal's
//    "canceled reversal" (the reversal was undone, the seller has the money) is `purchase`.
//  - closed (Magento: refunded in full through a credit memo): `refunded`.
//  - draft, checkout draft, auto draft, incomplete, trash: never a placed, paid order:
//    `not_purchase`.
//  - held (PayPal: the buyer paid, PayPal holds the funds for a time): `purchase`, unlike
//    "on hold".
//  - open, new, in progress, returned, unfulfilled: these say nothing about payment, or mean
//    opposite things on different platforms, so they are `unknown`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace retain {

/// What a status says about an order.
enum class status_meaning {
  /// paid (or paid and later partly refunded): counts
  purchase,
  /// paid, then fully refunded: counts at its total by default (gross), left out with --net
  refunded,
  /// never paid or cancelled: cancelled, failed, declined, pending payment, draft, ...
  not_purchase,
  /// a word the vocabulary does not know
  unknown,
};

/// The status folded for comparison: lowercase; accents and other Latin diacritics folded to
/// ASCII (é->e, ü->u, ß->ss, æ->ae, œ->oe; combining marks dropped); a leading "wc-" dropped;
/// runs of '_', '-', spaces and other punctuation folded to one space; trimmed. Letters of other
/// scripts, and bytes that are not UTF-8, are kept as they are.
/// "Wc-Cancelled" -> "cancelled", "Payment_Failed" -> "payment failed", "Annulé" -> "annule".
std::string fold_status(std::string_view text);

/// The meaning of a status as written (folds it first), by the rule in this header's opening
/// comment. Allocates one string, the folded text.
status_meaning classify_status(std::string_view text);

/// What the order policy does with a status: the meaning under --include-status and
/// --exclude-status.
enum class status_verdict {
  counted,   ///< a purchase (or, with --include-status, a listed status that is not a full refund)
  refunded,  ///< counted, refunded in full: left out with --net
  left_out,  ///< not a purchase, --exclude-status, or not listed by --include-status
  unknown,   ///< a word the vocabulary does not know: counted, with a warning
};

/// The verdict on a status as written, `include` and `exclude` folded (empty: not given): with
/// `include`, a status is counted only when its folded text is listed (and is never unknown);
/// otherwise `exclude` and the not-a-purchase meanings leave it out. Empty text is a purchase.
status_verdict judge_status(std::string_view text, const std::vector<std::string>& include,
                            const std::vector<std::string>& exclude);

/// "purchase", "refunded", "not a purchase", "unknown"
std::string_view meaning_name(status_meaning m);

/// A whole status of the vocabulary, already folded.
struct known_status {
  std::string_view folded;
  status_meaning meaning;
};

/// Every whole status the vocabulary holds (step 2 of the rule), grouped by meaning.
const std::vector<known_status>& known_statuses();

}  // namespace retain
