#include "retain/statuses.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

using namespace retain;  // NOLINT

namespace {
// The meaning's name, so that a failed check shows the status and what it was taken for.
std::string meaning_of(const std::string& status) {
  return std::string(meaning_name(classify_status(status)));
}
const std::string kPurchase = "purchase";
const std::string kRefunded = "refunded";
const std::string kNot = "not a purchase";
const std::string kUnknown = "unknown";
}  // namespace

TEST_CASE("Folding lowercases and turns runs of separators into one space", "[statuses]") {
  CHECK(fold_status("Payment_Failed") == "payment failed");
  CHECK(fold_status("  Partially   Refunded ") == "partially refunded");
  CHECK(fold_status("On-Hold") == "on hold");
  CHECK(fold_status("On backorder (not paid)") == "on backorder not paid");
  CHECK(fold_status("Shipped - Delivered to Buyer.") == "shipped delivered to buyer");
  CHECK(fold_status("PAYMENT_REVIEW") == "payment review");
  CHECK(fold_status("Status 2") == "status 2");
  CHECK(fold_status("") == "");
  CHECK(fold_status(" -_/ ") == "");
}

TEST_CASE("Folding turns accented Latin letters into ASCII", "[statuses]") {
  // The literals are UTF-8: "é" is the bytes C3 A9.
  CHECK(fold_status("Annulé") == "annule");
  CHECK(fold_status("ÉCHOUÉE") == "echouee");
  CHECK(fold_status("Rückerstattet") == "ruckerstattet");
  CHECK(fold_status("Groß") == "gross");
  CHECK(fold_status("Concluído") == "concluido");
  CHECK(fold_status("Paiement à distance accepté") == "paiement a distance accepte");
  CHECK(fold_status("Æskø") == "aesko");
  CHECK(fold_status("Œuvre ČšŁ") == "oeuvre csl");
  CHECK(fold_status("Ĳs") == "ijs");
  CHECK(fold_status("Annule\xCC\x81") == "annule");  // "e" and a combining acute accent
}

TEST_CASE("Folding drops the wc- prefix of WooCommerce statuses", "[statuses]") {
  CHECK(fold_status("wc-cancelled") == "cancelled");
  CHECK(fold_status("Wc-Cancelled") == "cancelled");
  CHECK(fold_status("wc-checkout-draft") == "checkout draft");
  CHECK(fold_status("wc_on_hold") == "on hold");
  CHECK(fold_status("wc") == "wc");
  CHECK(fold_status("wcx-paid") == "wcx paid");
}

TEST_CASE("Folding separates words at symbols and punctuation beyond ASCII", "[statuses]") {
  CHECK(fold_status("on\xC2\xA0hold") == "on hold");  // no-break space
  CHECK(fold_status("En attente d’approbation") == "en attente d approbation");
  CHECK(fold_status("«paid»") == "paid");
  CHECK(fold_status("paid—shipped") == "paid shipped");  // em dash
  CHECK(fold_status("2×3") == "2 3");
}

TEST_CASE("Folding keeps letters of other scripts and bytes that are not UTF-8", "[statuses]") {
  CHECK(fold_status("Отменён") == "Отменён");  // kept as written: not lowercased
  CHECK(fold_status("Pa\xFFid") == "pa\xFFid");
  CHECK(fold_status("Annul\xC3") == "annul\xC3");  // a sequence cut short
  // Overlong forms of '/' are not UTF-8: not separators either.
  CHECK(fold_status("x\xC0\xAFz") == "x\xC0\xAFz");
  CHECK(fold_status("x\xE0\x80\xAFz") == "x\xE0\x80\xAFz");
}

TEST_CASE("An empty status is a purchase", "[statuses]") {
  CHECK(meaning_of("") == kPurchase);
  CHECK(meaning_of("   ") == kPurchase);
  CHECK(meaning_of("-") == kPurchase);
}

TEST_CASE("Shopify financial statuses have their meanings", "[statuses]") {
  CHECK(meaning_of("paid") == kPurchase);
  CHECK(meaning_of("partially_paid") == kPurchase);
  CHECK(meaning_of("partially_refunded") == kPurchase);
  CHECK(meaning_of("refunded") == kRefunded);
  CHECK(meaning_of("pending") == kNot);
  CHECK(meaning_of("authorized") == kNot);
  CHECK(meaning_of("expired") == kNot);
  CHECK(meaning_of("voided") == kNot);
  CHECK(meaning_of("Unpaid") == kNot);
  CHECK(meaning_of("Overdue") == kNot);
  CHECK(meaning_of("fulfilled") == kPurchase);
  CHECK(meaning_of("Partially fulfilled") == kPurchase);
}

TEST_CASE("WooCommerce statuses have their meanings, as stored and as displayed", "[statuses]") {
  CHECK(meaning_of("wc-pending") == kNot);
  CHECK(meaning_of("wc-processing") == kPurchase);
  CHECK(meaning_of("wc-on-hold") == kNot);
  CHECK(meaning_of("wc-completed") == kPurchase);
  CHECK(meaning_of("wc-cancelled") == kNot);
  CHECK(meaning_of("wc-refunded") == kRefunded);
  CHECK(meaning_of("wc-failed") == kNot);
  CHECK(meaning_of("wc-checkout-draft") == kNot);
  CHECK(meaning_of("Pending payment") == kNot);
  CHECK(meaning_of("On hold") == kNot);
  CHECK(meaning_of("Checkout draft") == kNot);
  CHECK(meaning_of("auto-draft") == kNot);
  CHECK(meaning_of("trash") == kNot);
  CHECK(meaning_of("Authentication required") == kNot);
}

TEST_CASE("WooCommerce statuses in other languages have their meanings", "[statuses]") {
  CHECK(meaning_of("Zahlung ausstehend") == kNot);
  CHECK(meaning_of("In Bearbeitung") == kPurchase);
  CHECK(meaning_of("In Wartestellung") == kNot);
  CHECK(meaning_of("Fertiggestellt") == kPurchase);
  CHECK(meaning_of("En attente de paiement") == kNot);
  CHECK(meaning_of("En cours") == kPurchase);
  CHECK(meaning_of("En attente") == kNot);
  CHECK(meaning_of("Terminée") == kPurchase);
  CHECK(meaning_of("Échouée") == kNot);
  CHECK(meaning_of("Brouillon") == kNot);
  CHECK(meaning_of("Pendiente de pago") == kNot);
  CHECK(meaning_of("Procesando") == kPurchase);
  CHECK(meaning_of("En espera") == kNot);
  CHECK(meaning_of("Borrador") == kNot);
  CHECK(meaning_of("In attesa di pagamento") == kNot);
  CHECK(meaning_of("In lavorazione") == kPurchase);
  CHECK(meaning_of("In sospeso") == kNot);
  CHECK(meaning_of("Bozza") == kNot);
  CHECK(meaning_of("In afwachting van betaling") == kNot);
  CHECK(meaning_of("In behandeling") == kPurchase);
  CHECK(meaning_of("In de wacht") == kNot);
  CHECK(meaning_of("Afgerond") == kPurchase);
  CHECK(meaning_of("Pagamento pendente") == kNot);
  CHECK(meaning_of("Processando") == kPurchase);
  CHECK(meaning_of("Aguardando") == kNot);
  CHECK(meaning_of("Concluído") == kPurchase);
  CHECK(meaning_of("Malsucedido") == kNot);
  CHECK(meaning_of("Rascunho") == kNot);
}

TEST_CASE("Stripe payment statuses have their meanings", "[statuses]") {
  CHECK(meaning_of("Paid") == kPurchase);
  CHECK(meaning_of("Succeeded") == kPurchase);
  CHECK(meaning_of("Partially refunded") == kPurchase);
  CHECK(meaning_of("Refunded") == kRefunded);
  CHECK(meaning_of("Disputed") == kPurchase);
  CHECK(meaning_of("Failed") == kNot);
  CHECK(meaning_of("Blocked") == kNot);
  CHECK(meaning_of("Canceled") == kNot);
  CHECK(meaning_of("Uncaptured") == kNot);
  CHECK(meaning_of("Pending") == kNot);
  CHECK(meaning_of("Incomplete") == kNot);
  CHECK(meaning_of("requires_capture") == kNot);
  CHECK(meaning_of("requires_payment_method") == kNot);
  CHECK(meaning_of("requires_action") == kNot);
  CHECK(meaning_of("requires_confirmation") == kNot);
}

TEST_CASE("Square order, payment and invoice statuses have their meanings", "[statuses]") {
  CHECK(meaning_of("COMPLETED") == kPurchase);
  CHECK(meaning_of("CANCELED") == kNot);
  CHECK(meaning_of("DRAFT") == kNot);
  CHECK(meaning_of("REJECTED") == kNot);
  CHECK(meaning_of("REFUNDED") == kRefunded);
  CHECK(meaning_of("FAILED") == kNot);
  CHECK(meaning_of("UNPAID") == kNot);
  CHECK(meaning_of("SCHEDULED") == kNot);
  CHECK(meaning_of("PARTIALLY_PAID") == kPurchase);
  CHECK(meaning_of("PARTIALLY_REFUNDED") == kPurchase);
  CHECK(meaning_of("PAYMENT_PENDING") == kNot);
  CHECK(meaning_of("OPEN") == kUnknown);
  CHECK(meaning_of("APPROVED") == kUnknown);
}

TEST_CASE("Etsy receipt statuses have their meanings", "[statuses]") {
  CHECK(meaning_of("paid") == kPurchase);
  CHECK(meaning_of("completed") == kPurchase);
  CHECK(meaning_of("payment processing") == kNot);
  CHECK(meaning_of("canceled") == kNot);
  CHECK(meaning_of("fully refunded") == kRefunded);
  CHECK(meaning_of("partially refunded") == kPurchase);
  CHECK(meaning_of("open") == kUnknown);
}

TEST_CASE("BigCommerce order statuses have their meanings", "[statuses]") {
  CHECK(meaning_of("Incomplete") == kNot);
  CHECK(meaning_of("Pending") == kNot);
  CHECK(meaning_of("Awaiting Payment") == kNot);
  CHECK(meaning_of("Awaiting Fulfillment") == kPurchase);
  CHECK(meaning_of("Awaiting Shipment") == kPurchase);
  CHECK(meaning_of("Awaiting Pickup") == kPurchase);
  CHECK(meaning_of("Partially Shipped") == kPurchase);
  CHECK(meaning_of("Shipped") == kPurchase);
  CHECK(meaning_of("Completed") == kPurchase);
  CHECK(meaning_of("Declined") == kNot);
  CHECK(meaning_of("Cancelled") == kNot);
  CHECK(meaning_of("Refunded") == kRefunded);
  CHECK(meaning_of("Partially Refunded") == kPurchase);
  CHECK(meaning_of("Manual Verification Required") == kNot);
  CHECK(meaning_of("Disputed") == kPurchase);
}

TEST_CASE("PrestaShop order states have their meanings in English", "[statuses]") {
  CHECK(meaning_of("Awaiting check payment") == kNot);
  CHECK(meaning_of("Awaiting cheque payment") == kNot);
  CHECK(meaning_of("Payment accepted") == kPurchase);
  CHECK(meaning_of("Processing in progress") == kPurchase);
  CHECK(meaning_of("Shipped") == kPurchase);
  CHECK(meaning_of("Delivered") == kPurchase);
  CHECK(meaning_of("Canceled") == kNot);
  CHECK(meaning_of("Refunded") == kRefunded);
  CHECK(meaning_of("Payment error") == kNot);
  CHECK(meaning_of("On backorder (paid)") == kPurchase);
  CHECK(meaning_of("On backorder (not paid)") == kNot);
  CHECK(meaning_of("Awaiting bank wire payment") == kNot);
  CHECK(meaning_of("Awaiting PayPal payment") == kNot);
  CHECK(meaning_of("Remote payment accepted") == kPurchase);
  CHECK(meaning_of("Awaiting Cash On Delivery validation") == kNot);
  CHECK(meaning_of("Partial refund") == kPurchase);
  CHECK(meaning_of("Partial payment accepted") == kPurchase);
}

TEST_CASE("PrestaShop order states have their meanings in French", "[statuses]") {
  CHECK(meaning_of("En attente du paiement par chèque") == kNot);
  CHECK(meaning_of("En attente de paiement par chèque") == kNot);
  CHECK(meaning_of("Paiement accepté") == kPurchase);
  CHECK(meaning_of("Préparation en cours") == kPurchase);
  CHECK(meaning_of("En cours de préparation") == kPurchase);
  CHECK(meaning_of("Expédié") == kPurchase);
  CHECK(meaning_of("Livré") == kPurchase);
  CHECK(meaning_of("Annulé") == kNot);
  CHECK(meaning_of("Remboursé") == kRefunded);
  CHECK(meaning_of("Remboursement") == kRefunded);
  CHECK(meaning_of("Erreur de paiement") == kNot);
  CHECK(meaning_of("En attente de réapprovisionnement (payé)") == kPurchase);
  CHECK(meaning_of("En attente de réapprovisionnement (non payé)") == kNot);
  CHECK(meaning_of("En cours de réapprovisionnement") == kPurchase);
  CHECK(meaning_of("En attente de virement bancaire") == kNot);
  CHECK(meaning_of("En attente de paiement PayPal") == kNot);
  CHECK(meaning_of("Paiement à distance accepté") == kPurchase);
  CHECK(meaning_of("En attente de paiement à la livraison") == kNot);
  CHECK(meaning_of("Remboursement partiel") == kPurchase);
  CHECK(meaning_of("Paiement partiel accepté") == kPurchase);
}

TEST_CASE("Magento order statuses have their meanings, by code and by label", "[statuses]") {
  CHECK(meaning_of("pending") == kNot);
  CHECK(meaning_of("pending_payment") == kNot);
  CHECK(meaning_of("processing") == kPurchase);
  CHECK(meaning_of("complete") == kPurchase);
  CHECK(meaning_of("closed") == kRefunded);
  CHECK(meaning_of("canceled") == kNot);
  CHECK(meaning_of("holded") == kNot);
  CHECK(meaning_of("On Hold") == kNot);
  CHECK(meaning_of("payment_review") == kNot);
  CHECK(meaning_of("fraud") == kNot);
  CHECK(meaning_of("Suspected Fraud") == kNot);
  CHECK(meaning_of("pending_paypal") == kNot);
  CHECK(meaning_of("paypal_reversed") == kRefunded);
  CHECK(meaning_of("paypal_canceled_reversal") == kPurchase);
  CHECK(meaning_of("paypay_canceled_reversal") == kPurchase);
}

TEST_CASE("Amazon order statuses have their meanings", "[statuses]") {
  CHECK(meaning_of("Shipped") == kPurchase);
  CHECK(meaning_of("Pending") == kNot);
  CHECK(meaning_of("Unshipped") == kPurchase);
  CHECK(meaning_of("PartiallyShipped") == kPurchase);
  CHECK(meaning_of("Canceled") == kNot);
  CHECK(meaning_of("Shipping") == kPurchase);
}

TEST_CASE("Gumroad purchase states have their meanings", "[statuses]") {
  CHECK(meaning_of("successful") == kPurchase);
  CHECK(meaning_of("failed") == kNot);
  CHECK(meaning_of("not_charged") == kNot);
  CHECK(meaning_of("test_successful") == kNot);
  CHECK(meaning_of("chargedback") == kRefunded);
  CHECK(meaning_of("in_progress") == kUnknown);
}

TEST_CASE("PayPal activity statuses have their meanings", "[statuses]") {
  CHECK(meaning_of("Completed") == kPurchase);
  CHECK(meaning_of("Cleared") == kPurchase);
  CHECK(meaning_of("Processed") == kPurchase);
  CHECK(meaning_of("Completed - Funds not yet available") == kPurchase);
  CHECK(meaning_of("Held") == kPurchase);
  CHECK(meaning_of("Pending") == kNot);
  CHECK(meaning_of("Pending Verification") == kNot);
  CHECK(meaning_of("Denied") == kNot);
  CHECK(meaning_of("Refunded") == kRefunded);
  CHECK(meaning_of("Partially Refunded") == kPurchase);
  CHECK(meaning_of("Reversed") == kRefunded);
  CHECK(meaning_of("Canceled_Reversal") == kPurchase);
  CHECK(meaning_of("Canceled") == kNot);
  CHECK(meaning_of("Failed") == kNot);
  CHECK(meaning_of("Unclaimed") == kNot);
  CHECK(meaning_of("Uncleared") == kNot);
  CHECK(meaning_of("Returned") == kUnknown);
}

TEST_CASE("The core words have their meanings in German, Spanish, Italian, Dutch, Portuguese",
          "[statuses]") {
  CHECK(meaning_of("Bezahlt") == kPurchase);
  CHECK(meaning_of("Ausstehend") == kNot);
  CHECK(meaning_of("Storniert") == kNot);
  CHECK(meaning_of("Abgebrochen") == kNot);
  CHECK(meaning_of("Erstattet") == kRefunded);
  CHECK(meaning_of("Rückerstattet") == kRefunded);
  CHECK(meaning_of("Versandt") == kPurchase);
  CHECK(meaning_of("Pagado") == kPurchase);
  CHECK(meaning_of("Pendiente") == kNot);
  CHECK(meaning_of("Cancelado") == kNot);
  CHECK(meaning_of("Reembolsado") == kRefunded);
  CHECK(meaning_of("Entregado") == kPurchase);
  CHECK(meaning_of("Pagato") == kPurchase);
  CHECK(meaning_of("In attesa") == kNot);
  CHECK(meaning_of("Annullato") == kNot);
  CHECK(meaning_of("Rimborsato") == kRefunded);
  CHECK(meaning_of("Spedito") == kPurchase);
  CHECK(meaning_of("Betaald") == kPurchase);
  CHECK(meaning_of("In afwachting") == kNot);
  CHECK(meaning_of("Geannuleerd") == kNot);
  CHECK(meaning_of("Terugbetaald") == kRefunded);
  CHECK(meaning_of("Verzonden") == kPurchase);
  CHECK(meaning_of("Pago") == kPurchase);
  CHECK(meaning_of("Pendente") == kNot);
  CHECK(meaning_of("Entregue") == kPurchase);
}

TEST_CASE("A status with a cancel or fail word is not a purchase", "[statuses]") {
  CHECK(meaning_of("Canceled by customer") == kNot);
  CHECK(meaning_of("Cancelled by admin") == kNot);
  CHECK(meaning_of("Order cancelled") == kNot);
  CHECK(meaning_of("Payment failed") == kNot);
  CHECK(meaning_of("Payment declined") == kNot);
  CHECK(meaning_of("Card expired") == kNot);
  CHECK(meaning_of("Annulée par le client") == kNot);
  CHECK(meaning_of("Échec du paiement") == kNot);
  CHECK(meaning_of("Zahlung fehlgeschlagen") == kNot);
  CHECK(meaning_of("Vom Kunden storniert") == kNot);
  CHECK(meaning_of("Pago rechazado") == kNot);
  CHECK(meaning_of("Pagamento recusado") == kNot);
  CHECK(meaning_of("Betaling mislukt") == kNot);
  CHECK(meaning_of("Ordine annullato dal cliente") == kNot);
}

TEST_CASE("A status with a refund word is refunded, or a purchase when only partly", "[statuses]") {
  CHECK(meaning_of("Refunded by admin") == kRefunded);
  CHECK(meaning_of("Order refunded") == kRefunded);
  CHECK(meaning_of("Vollständig erstattet") == kRefunded);
  CHECK(meaning_of("Teilweise erstattet") == kPurchase);
  CHECK(meaning_of("Parcialmente reembolsado") == kPurchase);
  CHECK(meaning_of("Partiellement remboursé") == kPurchase);
  CHECK(meaning_of("Gedeeltelijk terugbetaald") == kPurchase);
  CHECK(meaning_of("Refunded partially") == kPurchase);
}

TEST_CASE("A partly cancelled order is a purchase: the rest of it stands", "[statuses]") {
  CHECK(meaning_of("partially_canceled") == kPurchase);
  CHECK(meaning_of("Partially cancelled") == kPurchase);
}

TEST_CASE("A waiting word with a payment word is not a purchase", "[statuses]") {
  CHECK(meaning_of("Awaiting card payment") == kNot);
  CHECK(meaning_of("Payment awaiting") == kNot);
  CHECK(meaning_of("En attente de paiement par carte") == kNot);
  CHECK(meaning_of("Warten auf Zahlung") == kNot);
  CHECK(meaning_of("Pago pendiente") == kNot);
  CHECK(meaning_of("Aguardando pagamento do boleto") == kNot);
  CHECK(meaning_of("Payment due") == kNot);
  CHECK(meaning_of("Pending transfer") == kNot);
}

TEST_CASE("A waiting word without a payment word is unknown", "[statuses]") {
  CHECK(meaning_of("Pending shipment") == kUnknown);
  CHECK(meaning_of("Awaiting approval") == kUnknown);
  CHECK(meaning_of("Refund pending") == kUnknown);
}

TEST_CASE("A negation before a paid word is not a purchase", "[statuses]") {
  CHECK(meaning_of("Not paid") == kNot);
  CHECK(meaning_of("Non payé") == kNot);
  CHECK(meaning_of("Nicht bezahlt") == kNot);
  CHECK(meaning_of("No pagado") == kNot);
  CHECK(meaning_of("Non pagato") == kNot);
  CHECK(meaning_of("Niet betaald") == kNot);
  CHECK(meaning_of("Não pago") == kNot);
  CHECK(meaning_of("Order not paid yet") == kNot);
  CHECK(meaning_of("Not yet paid") == kNot);
}

TEST_CASE("A negation makes other words unknown", "[statuses]") {
  CHECK(meaning_of("Not cancelled") == kUnknown);
  CHECK(meaning_of("No cancelado") == kUnknown);
  CHECK(meaning_of("Nicht storniert") == kUnknown);
  CHECK(meaning_of("Not refunded") == kUnknown);
}

TEST_CASE("A cancel, fail or refund word about something else than the order is unknown",
          "[statuses]") {
  CHECK(meaning_of("Return cancelled") == kUnknown);
  CHECK(meaning_of("Refund failed") == kUnknown);
  CHECK(meaning_of("Refund declined") == kUnknown);
  CHECK(meaning_of("Delivery failed") == kUnknown);
  CHECK(meaning_of("Shipment cancelled") == kUnknown);
  CHECK(meaning_of("Subscription cancelled") == kUnknown);
  CHECK(meaning_of("Dispute lost, chargeback refunded") == kUnknown);
  CHECK(meaning_of("Livraison échouée") == kUnknown);
  CHECK(meaning_of("Retoure storniert") == kUnknown);
  CHECK(meaning_of("Shipping refunded") == kUnknown);
}

TEST_CASE("Words are matched whole, never as parts of words", "[statuses]") {
  CHECK(meaning_of("Uncaptured") == kNot);  // by its own entry, not as "captured"
  CHECK(meaning_of("Captured") == kPurchase);
  CHECK(meaning_of("Avoid") == kUnknown);
  CHECK(meaning_of("Cancellation requested") == kUnknown);
  CHECK(meaning_of("Cancel requested") == kUnknown);
  CHECK(meaning_of("Unpaid") == kNot);
  CHECK(meaning_of("Prepaid card") == kUnknown);
  CHECK(meaning_of("Failedx") == kUnknown);
  CHECK(meaning_of("Cancelled reversal") == kPurchase);  // whole, before the words
}

TEST_CASE("Words the vocabulary does not know stay unknown", "[statuses]") {
  CHECK(meaning_of("open") == kUnknown);
  CHECK(meaning_of("new") == kUnknown);
  CHECK(meaning_of("approved") == kUnknown);
  CHECK(meaning_of("in progress") == kUnknown);
  CHECK(meaning_of("returned") == kUnknown);
  CHECK(meaning_of("unfulfilled") == kUnknown);
  CHECK(meaning_of("archived") == kUnknown);
  CHECK(meaning_of("N/A") == kUnknown);
  CHECK(meaning_of("banana") == kUnknown);
  CHECK(meaning_of("Отменён") == kUnknown);
}

TEST_CASE("Every status of the vocabulary is written folded and only once", "[statuses]") {
  std::set<std::string_view> seen;
  for (const known_status& k : known_statuses()) {
    INFO(k.folded);
    CHECK(fold_status(k.folded) == k.folded);
    CHECK(seen.insert(k.folded).second);
    CHECK(classify_status(k.folded) == k.meaning);
    CHECK(k.meaning != status_meaning::unknown);
  }
  CHECK(known_statuses().size() > 200);
}

TEST_CASE("Meanings have names", "[statuses]") {
  CHECK(meaning_name(status_meaning::purchase) == "purchase");
  CHECK(meaning_name(status_meaning::refunded) == "refunded");
  CHECK(meaning_name(status_meaning::not_purchase) == "not a purchase");
  CHECK(meaning_name(status_meaning::unknown) == "unknown");
}

TEST_CASE("The verdict follows the meaning, then --exclude-status leaves more out", "[statuses]") {
  const std::vector<std::string> none;
  const std::vector<std::string> exclude = {"open"};
  CHECK(judge_status("Completed", none, exclude) == status_verdict::counted);
  CHECK(judge_status("Teilweise erstattet", none, exclude) == status_verdict::counted);
  CHECK(judge_status("", none, exclude) == status_verdict::counted);
  CHECK(judge_status("Refunded by admin", none, exclude) == status_verdict::refunded);
  CHECK(judge_status("Canceled by customer", none, exclude) == status_verdict::left_out);
  CHECK(judge_status("Zahlung ausstehend", none, exclude) == status_verdict::left_out);
  CHECK(judge_status("OPEN", none, exclude) == status_verdict::left_out);
  CHECK(judge_status("Refund failed", none, exclude) == status_verdict::unknown);
}

TEST_CASE("With --include-status only the listed statuses count, and none is unknown", "[statuses]") {
  const std::vector<std::string> include = {"cancelled", "refunded", "banana"};
  const std::vector<std::string> none;
  CHECK(judge_status("Wc-Cancelled", include, none) == status_verdict::counted);
  CHECK(judge_status("Refunded", include, none) == status_verdict::refunded);
  CHECK(judge_status("Banana", include, none) == status_verdict::counted);
  CHECK(judge_status("Completed", include, none) == status_verdict::left_out);
  CHECK(judge_status("", include, none) == status_verdict::left_out);
}
