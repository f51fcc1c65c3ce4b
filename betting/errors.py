"""Why a bet was refused, as a clear sentence in the user's language (en / es / pt_br).

Every refusal is a `BettingRefusal` (a `ChatBetError`) whose message is already in the language the
service was called with; `code` stays stable for clients and the audit trail.
"""

from __future__ import annotations

from chatbet_project.errors import ChatBetError

TEXTS: dict[str, dict[str, str]] = {
    "self_excluded": {
        "en": "Your account is self-excluded from betting; I can't place bets for you.",
        "es": "Tu cuenta está autoexcluida de las apuestas; no puedo colocar apuestas por ti.",
        "pt_br": "Sua conta está autoexcluída de apostas; não posso fazer apostas por você."},
    "daily_limit": {
        "en": "That would exceed your daily stake limit of {limit} {currency} (already staked today: {staked}).",
        "es": "Eso superaría tu límite diario de apuestas de {limit} {currency} (ya apostado hoy: {staked}).",
        "pt_br": "Isso ultrapassaria seu limite diário de apostas de {limit} {currency} (já apostado hoje: {staked})."},
    "insufficient_balance": {
        "en": "Your playable balance is {playable} {currency}, less than the {stake} {currency} stake, so I can't "
              "offer this bet.",
        "es": "Tu saldo disponible es {playable} {currency}, menos que el monto de {stake} {currency}, así que no "
              "puedo ofrecerte esta apuesta.",
        "pt_br": "Seu saldo disponível é {playable} {currency}, menor que o valor de {stake} {currency}, então não "
                 "posso oferecer esta aposta."},
    "already_confirmed": {
        "en": "That bet was already confirmed from another message; it is placed only once.",
        "es": "Esa apuesta ya se confirmó desde otro mensaje; se coloca una sola vez.",
        "pt_br": "Essa aposta já foi confirmada por outra mensagem; ela é feita só uma vez."},
    "nothing_pending": {
        "en": "There's no bet waiting for your confirmation, so nothing was placed.",
        "es": "No hay ninguna apuesta esperando tu confirmación, así que no se colocó nada.",
        "pt_br": "Não há aposta aguardando sua confirmação, então nada foi feito."},
    "slip_expired": {
        "en": "That bet is no longer on offer (it expired or was replaced); nothing was placed. Ask for it again "
              "to see the current price.",
        "es": "Esa apuesta ya no está disponible (expiró o fue reemplazada); no se colocó nada. Pídela de nuevo "
              "para ver la cuota actual.",
        "pt_br": "Essa aposta não está mais disponível (expirou ou foi substituída); nada foi feito. Peça de novo "
                 "para ver a odd atual."},
    "slip_cancelled": {
        "en": "That bet was cancelled; nothing was placed.",
        "es": "Esa apuesta se canceló; no se colocó nada.",
        "pt_br": "Essa aposta foi cancelada; nada foi feito."},
    "price_moved": {
        "en": "The price moved from {old} to {new}, so nothing was placed.",
        "es": "La cuota cambió de {old} a {new}, así que no se colocó nada.",
        "pt_br": "A odd mudou de {old} para {new}, então nada foi feito."},
    "odds_suspended": {
        "en": "Betting on this match is suspended right now; nothing was placed.",
        "es": "Las apuestas en este partido están suspendidas ahora mismo; no se colocó nada.",
        "pt_br": "As apostas nesta partida estão suspensas agora; nada foi feito."},
    "bet_rejected": {
        "en": "The bookmaker refused the bet ({detail}); nothing was charged.",
        "es": "La casa de apuestas rechazó la apuesta ({detail}); no se cobró nada.",
        "pt_br": "A casa de apostas recusou a aposta ({detail}); nada foi cobrado."},
    "bet_outcome_unknown": {
        "en": "The betting service did not give a clear answer (it timed out or its reply was unreadable), so I "
              "can't tell whether your bet was placed. It may have been: check your bets in your ChatBet account "
              "before placing it again. Until then it counts against your daily limit.",
        "es": "El servicio de apuestas no dio una respuesta clara (tardó demasiado o su respuesta no se pudo leer), "
              "así que no sé si tu apuesta se colocó. Puede que sí: revisa tus apuestas en tu cuenta de ChatBet "
              "antes de volver a apostar. Mientras tanto cuenta para tu límite diario.",
        "pt_br": "O serviço de apostas não deu uma resposta clara (demorou demais ou a resposta não pôde ser lida), "
                 "então não sei se sua aposta foi feita. Pode ter sido: confira suas apostas na sua conta ChatBet "
                 "antes de apostar de novo. Enquanto isso ela conta para o seu limite diário."},
    "real_bets_need_account": {
        "en": "Real bets need a logged-in user with a linked ChatBet account; guests can only simulate.",
        "es": "Las apuestas reales necesitan una sesión iniciada con una cuenta de ChatBet vinculada; los "
              "invitados solo pueden simular.",
        "pt_br": "Apostas reais exigem login com uma conta ChatBet vinculada; convidados só podem simular."},
    "currency_mismatch": {
        "en": "Your ChatBet account is in {currency}, and I can't convert {asked} for you. How much in {currency} "
              "do you want to stake?",
        "es": "Tu cuenta de ChatBet está en {currency} y no puedo convertir {asked}. ¿Cuánto quieres apostar en "
              "{currency}?",
        "pt_br": "Sua conta ChatBet está em {currency} e não posso converter {asked}. Quanto você quer apostar em "
                 "{currency}?"},
    "selection_not_offered": {
        "en": "That selection ({market}: {selection}) is not offered for this match right now.",
        "es": "Esa selección ({market}: {selection}) no está disponible para este partido ahora.",
        "pt_br": "Essa seleção ({market}: {selection}) não está disponível para esta partida agora."},
    "line_not_offered": {
        "en": "The line on offer for {label} is {offered}, not {asked}, so nothing is prepared. Ask again with "
              "{offered} if you want that bet.",
        "es": "La línea disponible para {label} es {offered}, no {asked}, así que no preparé nada. Pídela de nuevo "
              "con {offered} si quieres esa apuesta.",
        "pt_br": "A linha disponível para {label} é {offered}, não {asked}, então nada foi preparado. Peça de novo "
                 "com {offered} se quiser essa aposta."},
    "same_fixture_twice": {
        "en": "An accumulator takes one selection per match, and {match} is in it twice. Which selection do you "
              "want on that match?",
        "es": "Una combinada lleva una sola selección por partido, y {match} aparece dos veces. ¿Qué selección "
              "quieres en ese partido?",
        "pt_br": "Uma múltipla leva uma seleção por partida, e {match} aparece duas vezes. Qual seleção você quer "
                 "nessa partida?"},
    "combo_needs_legs": {
        "en": "An accumulator needs at least one selection; nothing was prepared.",
        "es": "Una combinada necesita al menos una selección; no se preparó nada.",
        "pt_br": "Uma múltipla precisa de pelo menos uma seleção; nada foi preparado."},
    "combo_unavailable": {
        "en": "The bookmaker can't price this accumulator right now, so I can't offer it; nothing was placed.",
        "es": "La casa de apuestas no puede calcular la cuota de esta combinada ahora, así que no puedo ofrecerla; "
              "no se colocó nada.",
        "pt_br": "A casa de apostas não consegue calcular a odd desta múltipla agora, então não posso oferecê-la; "
                 "nada foi feito."},
    "not_found": {
        "en": "No such bet slip.", "es": "No existe esa apuesta.", "pt_br": "Essa aposta não existe."},
}

STATUS = {"self_excluded": 403, "daily_limit": 409, "insufficient_balance": 409, "already_confirmed": 409,
          "nothing_pending": 409, "slip_expired": 409, "slip_cancelled": 409, "price_moved": 409,
          "odds_suspended": 409, "bet_rejected": 409, "bet_outcome_unknown": 502, "real_bets_need_account": 403,
          "not_found": 404, "currency_mismatch": 409, "selection_not_offered": 409, "same_fixture_twice": 400,
          "combo_needs_legs": 400, "combo_unavailable": 503, "line_not_offered": 409}


def text(code: str, language: str = "en", **params) -> str:
    """The sentence for `code` in `language` (English when the language is not one we speak)."""
    by_language = TEXTS[code]
    return by_language.get(language, by_language["en"]).format(**params)


class BettingRefusal(ChatBetError):
    """A bet the service will not propose, confirm or place, with the reason in the user's language."""

    def __init__(self, code: str, language: str = "en", *, status: int | None = None, **params) -> None:
        super().__init__(text(code, language, **params), code=code, status=status or STATUS.get(code, 409))
        self.params = params


class PriceMoved(BettingRefusal):
    """The price is worse than the one shown: the old slip expired; `new_slip` (when given) is the fresh offer."""

    def __init__(self, language: str = "en", *, old, new, new_slip=None) -> None:
        super().__init__("price_moved", language, old=old, new=new)
        self.new_slip = new_slip
