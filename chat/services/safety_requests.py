"""What the responsible-gambling policy hears as a request: to stop, pause, block, limit or close the account
(`STOP`: the 6 months of self-exclusion are offered, done on a yes), and to self-exclude (`asks_self_exclusion`:
performed at once). Its own module (chat/services/safety_cues.py reads every other cue) so that neither grows past
a screen of patterns; read and negated like every cue (chat/services/safety_text.py).
"""

from __future__ import annotations

import re

from chat.services.safety_text import Reading, found, negated
from chat.services.safety_text import rx as _rx

# what a betting word may carry before it: a quantifier or a kind ("from any further gambling", "from all sports
# betting", "de todas las apuestas", "de qualquer aposta")
_ANY_EN = r"(?:(?:all|any|every|further|future|more|sports?|online|casino|real[- ]money) )*"
_ANY_ES_PT = r"(?:(?:todas|todos|cualquier|qualquer|toda|mais|m[aá]s) )?(?:(?:las|los|as|os|a|o) )?"
# "exclude me" from betting, not from a newsletter
_EXCLUDE_ME = (r"exclude (?:me|myself|my account)(?=\s*(?:$|[,.!?;:]|please|pls|now|for"
               rf"|from {_ANY_EN}(?:betting|gambling|bets?|wagering)"
               r"|from (?:the (?:site|platform|app)|this (?:site|platform|app)|my account)))")
# "me exclui das apostas", "exclúyeme de las apuestas", "quiero excluirme de las apuestas": the imperative or the
# infinitive, said of betting or with a length
# (the plural "exclúyanme", "me excluam" too; "exclua minha conta" is Portuguese for deleting it, not this)
_EXCLUDE_ME_ES_PT = (r"(?:me exclu(?:i|a|am)|exclu(?:a|am)-me|excluirme|excluyeme|excluyanme|excluime"
                     r"|exclu(?:ye|yan) mi cuenta)"
                     rf"(?= (?:(?:das?|de) {_ANY_ES_PT}apostas?|de apostar|da plataforma|do site|do app|da casa"
                     rf"|de {_ANY_ES_PT}apuestas?|de las apuestas|de la plataforma|del sitio|de la app|por(?! favor)"
                     r"|durante)\b)")
# closing the account, per language: the present and imperative forms a request uses, never the past ("bloquearon mi
# cuenta", "bloquearam minha conta" are a complaint)
_ACCOUNT = r"(?:account|acct|acc|profile)"
_CLOSE_EN = (r"block|close|lock|freeze|suspend|pause|disable|ban|cancel|delete|deactivate|remove|terminate|shut|kill"
             r"|erase|wipe|nuke|end|get rid of|close out|restrict|limit|lock up")
_CLOSE_ES = (r"(?:(?:bloque|cerr|suspend|congel|paus|borr|elimin|cancel|desactiv|inhabilit|deshabilit|restring)"
             r"(?:ar|er|ir|a|e|en|an|ame|eme|enme|anme|arme|erme))|cierra|cierre|cierren|cierrame|cierrenme|cerrarme")
_CLOSE_PT = (r"(?:bloque(?:ia|ie|iem|ar|em|e)|fech(?:a|e|em|ar)"
             r"|encerr(?:a|e|em|ar)|suspend(?:e|a|am|er)|congel(?:a|e|em"
             r"|ar)|paus(?:a|e|em|ar)|trav(?:a|e|em|ar)|tranc(?:a|ar)|tranqu(?:e|em)|apag(?:a|ar)|apagu(?:e|em)|exclu(?:a"
             r"|am|ir|i)|cancel(?:a|e|em|ar)|delet(?:a|e|em|ar)|desativ(?:a|e|em|ar)|inativ(?:a|e|em|ar)|restring(?:e"
             r"|ir))")
# someone else's act ("why did you block my account?", "they locked me", "he blocked me"), not a request
_NOT_THEIRS = (r"(?<!did you )(?<!did u )(?<!didnt you )(?<!you guys )(?<!yall )(?<!they )(?<!he )(?<!she )(?<!who )"
               r"(?<!why )(?<!did )(?<!they just )(?<!somebody )(?<!someone )")
# being barred, per language, as the passive participle a wish to be barred uses
_BARRED_EN = r"blocked|banned|barred|excluded|locked out|suspended|restricted|cut off"
_BETTING_EN = r"betting|gambling|bets|placing bets|wagering|(?:the|this) (?:site|app|platform)|here"
_BARRED_ES = r"(?:bloquead|vetad|excluid|suspendid|banead|prohibid|restringid)[oa]"
_BARRED_PT = r"(?:bloquead|banid|barrad|excluid|suspens|impedid|proibid|restringid)[oa]"
_LIMIT = (r"(?:deposit|depositing|betting|bet|stake|staking|spending|loss|losses|wager|wagering|gambling|daily|weekly"
          r"|monthly)(?: \w+)? (?:limit|limits|cap|caps)")
# What is limited, per language: one's own money put in or at risk, as a noun or as "what/how much I deposit"
_MONEY_EN = (r"(?:bets|betting|deposits|depositing|stakes|staking|spending|gambling|losses|bet|deposit|stake|wagers"
             r"|wagering|spend|top ?ups)")
_WHAT_I_EN = (r"(?:how much (?:money )?i|what i|the (?:amount|money|cash)(?: of money)? (?:that )?i)"
              r" (?:can |could |will |am able to )?(?:bet|deposit|spend|stake|lose|put in|wager|gamble|top up)")
_MONEY_ES = (r"(?:apuestas|apuesto|deposito|depositos|gastos|gasto|apostar|depositar|juego|perdidas|pierdo|gastar"
             r"|recargas|recargo|meto)")
_WHAT_I_ES = (r"(?:lo que|cuanto|cuanta plata|cuanto dinero|(?:el |la )?(?:dinero|plata|monto|cantidad|lana|guita)"
              r" que)(?: yo)? (?:puedo )?(?:apuesto|deposito|gasto|pierdo|meto|juego|recargo|apostar|depositar"
              r"|gastar|perder|meter)")
_MONEY_PT = (r"(?:apostas|aposto|deposito|depositos|gastos|gasto|apostar|depositar|perdas|perco|jogo|gastar"
             r"|recargas)")
_WHAT_I_PT = (r"(?:o que|(?:o )?quanto|(?:o )?(?:valor|dinheiro|montante) que|(?:a )?grana que|que)(?: eu)?"
              r" (?:posso )?(?:aposto|deposito|gasto|perco|coloco|boto|jogo|apostar|depositar|gastar|perder)")
# A limit on one's own betting or deposits, asked for ("set a deposit limit", "limit my bets to 10 a day", "ponle un
# límite a mis apuestas", "quero limitar meus depósitos", "limitar cuánto meto por semana", "definir um teto pro que
# eu deposito"): a stop request (rg_stop) whose answer points first to the daily stake limit the user sets on the
# profile (`asks_limit`), with self-exclusion offered for a full break. Only one's own money said with an ask: "limit
# the list to 5", "is there a limit on the stake?" (the product's maximum) and a market's "over/under limit" are not.
# A limit said by its size and period rather than by what it limits ("set a limit of 50 a week", "ponme un límite de
# 20 dólares al día", "quero um limite de 30 reais por dia"): an ask, the limit, an amount, and a period, a currency
# or one's own money after it; never a market's line ("I want the over limit of 2.5", "the limit of the over is 2.5?")
_ASK_LIMIT = (r"(?:set|set up|put|add|place|want|need|like|give me|start|turn on|apply|impose|create|get|enable"
              r"|activate|make|poner|pon|ponme|ponle|ponerme|pongan|ponganme|quiero|necesito|activa|activar|activame"
              r"|colocar|coloca|colocame|establecer|establece|fijar|fija|fijame|configurar|configura|configurame"
              r"|definir|define|agregar|agrega|anadir|tener|crear|crea|hazme|colocar|coloque|coloquem|bota|botar"
              r"|bote|poe|ponha|quero|queria|preciso|ativa|ativar|defina|estabelecer|estabeleca|ter|criar|cria"
              r"|crie|me da|me de)")
_PERIOD = (r"(?:daily|weekly|monthly|diario|diaria|semanal|mensual|mensal|(?:a|per|each|every|al|a la|por|cada|ao"
           r"|pelo|por) (?:day|week|month|dia|semana|mes))")
_CURRENCY = (r"(?:dollars?|bucks|usd|euros?|eur|pounds?|quid|gbp|dolares|dolar|pesos|reais|real|soles|mil|lucas"
             r"|palos|conto|contos)")
_OWN_MONEY = rf"(?:on|for|to|en|a|para|de|nas|nos|no|na|em|pras|pros) (?:my|mis|mi|minhas|meus|meu|minha) {_MONEY_EN}"
_A_LIMIT = (rf"{_ASK_LIMIT} (?:\w+ ){{0,2}}?(?<!over )(?<!under )(?<!total )(?<!line )(?<!handicap )"
            r"(?:limit|limits|cap|ceiling|limite|tope|techo|teto)")
_OF_AMOUNT = rf"(?:of |de |at |to |en |em |para |pra )?\$?\d+(?:[.,]\d+)?(?: ?{_CURRENCY})?"
_SIZED_LIMIT = (
    rf"(?:{_ASK_LIMIT} (?:\w+ ){{0,2}}?{_PERIOD} (?:limit|cap|ceiling)|{_A_LIMIT} {_PERIOD}) {_OF_AMOUNT}",
    rf"{_A_LIMIT} {_OF_AMOUNT}(?=(?: \w+){{0,3}} (?:{_PERIOD}|{_OWN_MONEY}|{_MONEY_ES}|{_MONEY_PT})\b"
    rf"|(?<=[a-z]) *(?:$|[,.!?;:])|(?<=\d) ?{_CURRENCY})",
)
LIMIT_PARTS = (
    *_SIZED_LIMIT,
    r"(?:limit|cap|restrict) (?:me|myself|my account) (?:to|at) \$?\d+",
    rf"(?:set|set up|setup|put|add|place|want|need|like|give me|start|turn on|apply|impose|create|get|enable"
    rf"|activate) (?:a |an |some |my |me a |me an |up a )?(?:{_LIMIT})",
    rf"(?:put|set|place|add|impose|apply|want|need|like|get|have|give me) (?:a |an |some |me a )?(?:hard |strict "
    rf"|daily |weekly |monthly )?(?:limit|cap|ceiling|restriction)s? (?:on|to|for) (?:my|me|(?:{_WHAT_I_EN}))",
    rf"(?:limit|cap|restrict) (?:my|me|how much i) (?:\w+ )?(?:{_MONEY_EN}|can (?:bet|deposit|spend|stake|lose))",
    rf"(?:limit|cap|restrict) (?:{_WHAT_I_EN})",
    r"(?:limit|cap|restrict) myself to",
    r"(?:poner|pon|ponle|ponme|ponerme|ponerle|pongan|ponganme|quiero|necesito|activa|activar|colocar|coloca"
    r"|colocarle|establecer|establece|fijar|fija|fijame|fijarme|configurar|configura|definir|agregar|agrega|anadir"
    r"|tener|crear|crea|meter|mete|metele) (?:un |una |mi |el |algun )?(?:limite|tope|restriccion|techo)"
    rf"(?: \w+)? (?:a|de|en|para|con|al|del|sobre|por) (?:mis |las |los |mi |el |la |lo )?(?:{_MONEY_ES}"
    rf"|{_WHAT_I_ES})",
    rf"(?:limitar|limita|limitame|limitarme|limiten|topar|topa|topame|toparme|restringir|restringe|restringeme)"
    rf" (?:mis |las |los |el |la |mi |yo )?(?:{_MONEY_ES}|{_WHAT_I_ES})",
    r"(?:limitarme|limitame|me limito|me limite|limitar-me|me limitar|me limita) a \d+",
    r"(?:colocar|coloca|coloque|coloquem|bota|botar|bote|por|poe|ponha|quero|preciso|ativa|ativar|definir|define"
    r"|defina|estabelecer|estabeleca|configurar|configura|ter|criar|cria|crie) (?:um |uma |meu |o |algum )?"
    r"(?:limite|teto|restricao|trava)"
    rf"(?: \w+)? (?:nas|de|pras|pros|para as|para os|para|pra|pro|em|nos|no|na|ao|aos|do|dos|das|sobre|por)"
    rf" (?:minhas |meus |meu |minha |as |os |o )?(?:{_MONEY_PT}|{_WHAT_I_PT})",
    # "limite" is the noun too: "o limite que eu posso apostar" asks the product's maximum
    rf"(?:limitar|limita|limite(?! que)|limitem|restringir|restringe|restrinja)(?: minhas| meus| as| os| o| meu"
    rf"| minha)?"
    rf" (?:{_MONEY_PT}|{_WHAT_I_PT})",
)
LIMIT = _rx(*LIMIT_PARTS)
STOP = _rx(
    r"stop (?:gambling|betting)", r"quit (?:gambling|betting)", r"(?:im|i am) done (?:with )?(?:gambling|betting)",
    r"(?:delete|deactivate|remove) my account",
    r"(?:dejar|parar|salir)(?: de| con)? (?:el juego|las apuestas|apostar)",
    r"(?:borrar|eliminar|desactivar) (?:mi )?cuenta",
    r"no quiero (?:volver a )?apostar (?:nunca )?mas(?! de| que)", r"(?:nunca|jamas) mas (?:quiero |voy a )?apostar",
    r"(?:parar|largar|sair)(?: de| com)? (?:o jogo|as apostas|apostar|de apostar)",
    r"(?:excluir|apagar|desativar) (?:a |minha )?conta", r"self[- ]?exclu\w*", _EXCLUDE_ME,
    rf"{_NOT_THEIRS}(?:block|close|lock|freeze|suspend|pause|disable|ban) (?:me|my account|my betting)",
    r"ban me from",
    r"(?:need|want|take|taking|have) a (?:break|pause|rest|time out|timeout) from (?:betting|gambling|bets)",
    r"(?:dont|do not) want to (?:bet|gamble)(?: \w+)? (?:anymore|any more|ever again)",
    r"(?:descanso|pausa|tiempo) de (?:las apuestas|apostar|el juego)", r"no quiero (?:seguir|continuar) apostando",
    r"(?:descanso|pausa|tempo) (?:das|de) (?:apostas|apostar)", r"nao quero (?:mais )?(?:continuar|seguir) apostando",
    r"(?:dont|do not|never) let me (?:bet|gamble)",
    r"cool(?:ing)?[- ]off period",
    r"dejar de apostar", r"autoexclu\w*", r"excluirme", r"no quiero apostar mas(?! de| que)", r"parar de apostar",
    r"(?:bloquear|bloquea|bloqueen|bloqueame|cerrar|cierra|cierren|suspender|congelar)(?:me)? (?:mi |la )?cuenta",
    r"no me dejes apostar", r"quiero dejar (?:el juego|las apuestas)",
    r"me excluir", _EXCLUDE_ME_ES_PT, r"nao quero mais apostar", r"parar com as apostas",
    r"largar (?:as apostas|o jogo)",
    r"(?:bloquear|bloqueia|bloqueie|bloqueiem|fechar|fecha|feche|encerrar|encerra|encerre|suspender|suspende"
    r"|congelar|congela) (?:a |minha |a minha )?conta",
    r"nao me deixe apostar", r"sair das apostas",
    # asking to be barred: someone asked to stop letting the user bet ("get you to stop letting me gamble", "para que
    # ya no me dejen apostar", "pra vocês não me deixarem mais apostar"), in the forms of a wish (subjunctive,
    # personal infinitive), never a complaint about what is not allowed ("no me dejan apostar en vivo", "por que não
    # me deixam apostar?", "why did you stop letting me bet on tennis")
    r"(?<!did )(?<!do )(?<!does )(?:you|u|it|them|the (?:app|site|bot|platform)|yall|please|pls|plz|just|can you"
    r"|could you|would you|to|i want you to|make you) (?:stop|quit) (?:letting|allowing) me(?: to)? (?:bet|gamble"
    r"|wager|place (?:any )?bets)",
    r"(?:make it so|so that|so) (?:i cant|i can not|i cannot|i wont be able to|im not able to|you wont let me|you dont"
    r" let me) (?:bet|gamble|place bets)",
    r"(?:how (?:do|can) i|i want to|i wanna|i need to|can i|help me|let me) get (?:myself )?(?:blocked|banned|barred"
    r"|excluded|locked out) from (?:betting|gambling|bets|placing bets)",
    r"que (?:ya )?no me (?:dejen|deje|dejes|permitan|permita|permitas) (?:volver a |seguir )?apostar",
    r"que me (?:prohiban|prohiba|prohibas|impidan|impida) (?:volver a |seguir )?apostar",
    r"(?:para|pa|que) (?:ya )?no (?:pueda|poder) (?:volver a |seguir )?apostar",
    r"(?:que|pra|para|pro) (?:voces |vcs |voce |o app |o site )?(?:nao|n) me (?:deixe|deixem|deixar|deixarem"
    r"|permitam|permita|permitirem) (?:mais )?apostar",
    r"(?:que|pra|para) (?:voces |vcs |voce )?me (?:proibam|proiba|proibirem|impecam|impeca|impedirem) de apostar",
    # asked whether the service can do it ("tem como vocês me impedirem de apostar?", "¿pueden impedirme apostar?")
    r"(?:tem como|da pra|da para|podem|pode|consegue|conseguem) (?:voces |vcs |voce |vc )?me (?:proibir|impedir"
    r"|bloquear|proibirem|impedirem|bloquearem) de apostar",
    r"(?:pueden|puedes|podrian|podrias) (?:impedirme|prohibirme|bloquearme) (?:de )?apostar",
    r"(?:pra|para|que) (?:eu )?(?:nao|n) (?:possa|poder|conseguir|consiga) (?:mais )?apostar",
    # asking how to be barred, said in the passive or with someone else doing it ("how can I be blocked from
    # betting", "is there a way to get myself excluded", "cómo puedo quedar vetado de las apuestas", "que me
    # excluyan", "como faço pra ser banido das apostas", "tem como vocês me bloquearem"): the wish or the how-to,
    # never a complaint about a past block ("why was I blocked?", "fui bloqueado", "me bloquearon") nor the way back
    # ("how do I get unblocked")
    rf"(?:how (?:do|can|would) i|i want to|i wanna|i need to|i would like to|id like to|help me"
    rf"|let me|(?:is there )?a way to|(?:is it )?possible to|i (?:wish|hope) to) (?:get |be )?(?:myself |my account"
    rf" |my betting )?(?:get |be )?(?:{_BARRED_EN})(?= (?:from|on|off) (?:{_BETTING_EN})\b|\s*(?:$|[,.!?;:]"
    rf"|here\b|please\b|pls\b|for\b))",
    rf"(?:quiero|quisiera|necesito|me gustaria|como (?:hago|puedo|le hago|se hace)|que hago|hay (?:forma|manera|modo"
    rf"|como)|se puede|me ayudas a|ayudame a)(?: para| pa| de)?(?: que)? (?:ser|quedar|quedarme|estar) (?:{_BARRED_ES})"
    rf"(?= (?:de|para|en) (?:las apuestas|apostar|la plataforma|la app|el sitio|aqui)\b|\s*(?:$|[,.!?;:]))",
    r"(?:que|q) me (?:excluyan|excluya|baneen|banee|veten|vete|bloqueen|bloquee) (?:de )?(?:las apuestas|apostar"
    r"|la plataforma|la app|el sitio)",
    rf"(?:quero|queria|preciso|gostaria de|como (?:eu )?(?:faco|faz|posso|consigo|fazer)|o que (?:eu )?faco|tem como"
    rf"|da pra|da para|existe como|tem jeito de|me ajuda a|ajuda a)(?: pra| para)?(?: eu)? (?:ser|ficar|estar)"
    rf" (?:{_BARRED_PT})(?= (?:de|das|da|do|pra|para) (?:apostar|apostas|plataforma|site|app|casa)\b"
    rf"|\s*(?:$|[,.!?;:]|aqui\b))",
    r"(?:voces|vcs|voce|vc|o app|o site|alguem)? ?me (?:bloquearem|bloquear|excluirem|excluir|banirem|banir"
    r"|barrarem|barrar|proibirem|proibir) (?:de apostar|das apostas|da plataforma|do site|do app|de fazer apostas)",
    # blocking, locking or pausing oneself or one's account, said with the verb's reflexive ("block myself for a week",
    # "lock me out", "bloquearme 3 meses", "me bloquear", "pausar minha conta"): a stop request, offered as the 6 months
    # (a length the policy cannot do, or no explicit self-exclusion) and done on a yes. Never someone else's act ("he
    # blocked me", "me bloqueó en el chat").
    r"(?:block|lock|ban|bar|suspend|pause|freeze|exclude) myself(?! (?:out )?of (?:the |my )?(?:chat|group|house|room"
    r"|car|phone)\b)",
    r"(?:block|lock|keep) me out(?! of (?:the |my )?(?:chat|group|house|room|car|phone)\b)",
    r"(?:pause|hold|lock up|deactivate for a while|put a (?:block|lock|hold|pause) on|put on hold) (?:my|the) account",
    r"put my account on (?:hold|pause|ice)",
    # a pause of one's account said with a noun ("a break on my account", "um tempo na conta", "mi cuenta en
    # pausa"): never a half-time break, breaking even or a coffee break, which name no account
    r"(?:break|pause|rest|time out|timeout|pausa|descanso|folga|tempo) (?:on|in|for|to|from|na|em|en|a|de|para|pra)"
    r" (?:a |la |the )?(?:my|minha|mi|the) (?:account|conta|cuenta)",
    r"(?:my|minha|mi|the|a|la) (?:account|conta|cuenta) (?:on|em|en) (?:a |una |uma )?(?:break|pause|pausa|descanso"
    r"|hold)",
    r"(?:bloquear|suspender|congelar|pausar|excluir)me(?! (?:la |el )?(?:tarjeta|telefono|celular|chat|whatsapp)\b)",
    r"(?:bloqueame|bloqueenme|bloquenme|suspendeme|suspendanme|congelame|pausame)\b",
    r"me (?:puedes|pueden|podes|podrias|podrian|quieres|van a) (?:bloquear|suspender|pausar|congelar)(?! \w+ (?:en|el)"
    r" (?:chat|whatsapp|grupo))",
    r"(?:que|q) me (?:bloquee|bloqueen|bloquees|suspendan|suspenda|pausen|congelen)\b",
    r"(?:pausar|pausa|pausen|pausame) (?:mi |la )?cuenta",
    r"me (?:bloquear|bloqueia|bloqueie|bloqueiem|suspender|suspende|suspenda|pausar|pausa|congelar|congela|travar"
    r"|trava)"
    r"(?! (?:no|na|do|da) (?:whats|whatsapp|zap|insta|instagram|grupo|chat|celular|telefone)\b)",
    r"(?:bloquear|bloqueia|bloqueie|suspender|suspende|pausar|pausa|pause|travar|trava|trave|congelar|congela)-me",
    r"(?:pausar|pausa|pause|pausem|travar|trava|trave|trancar|tranca|tranque) (?:a |minha |a minha )?conta",
    # "stop myself from gambling", "I want out", "no more betting for me" (never "stop showing me tennis")
    r"stop (?:myself |me |my )?(?:from )?(?:gambling|betting)", r"i want out(?=\s*(?:$|[,.!?;:]|of (?:this|gambling"
    r"|betting)))", r"(?:help me|how do i|how can i|i want to|i need to) (?:quit|stop)(?=\s*(?:$|[,.!?;:]|for good))",
    r"give up (?:gambling|betting)", r"(?:stay|keep me) away from (?:gambling|betting|bets)",
    r"no more (?:betting|gambling|bets) (?:for me|ever)", r"(?:chega|basta) de (?:apostas|apostar|aposta|jogo)",
    r"(?:basta|se acabo|se acabaron|se terminaron) (?:de apostar|las apuestas)",
    r"ya no quiero apostar",
    r"no quiero apostar nunca",
    # distancing oneself from gambling, the clitic before or after the verb ("me quiero alejar del juego",
    # "necesito apartarme de las apuestas", "quero ficar longe das apostas", "get away from betting"); "el juego" is
    # gambling only with a reflexive first person: "alejarse del juego" said of a player names no one here
    r"(?:alejar|apartar|distanciar|retirar|desenganchar)me (?:de|del) (?:las apuestas|el juego|juego|apostar"
    r"|los casinos|este vicio)\b(?! (?:de|del|entre|contra) )",
    r"\bme (?:\w+ ){0,2}(?:alejar|apartar|distanciar|retirar|desenganchar|alejo|aparto|distancio|retiro) (?:de|del)"
    r" (?:las apuestas|el juego"
    r"|juego|apostar|los casinos|este vicio)\b(?! (?:de|del|entre|contra) )",
    r"(?:ficar|me manter|manter-me) (?:longe|afastad[oa]) (?:das apostas|do jogo|de apostar|da aposta|dos cassinos)\b"
    r"(?! (?:do|da|de|entre|contra) )",
    r"(?:afastar|distanciar)-me (?:das apostas|do jogo|de apostar)",
    r"me (?:\w+ ){0,2}(?:distanciar|distancio|afasto) (?:das apostas|do jogo|de apostar)",
    # cutting it off, wanted ("quiero cortar con las apuestas", "necesito terminar con el juego"), never betting again
    # ("no quiero volver a apostar", "não quero voltar a apostar", "i never want to bet again")
    r"(?:quiero|necesito|tengo que|debo|voy a|quisiera|me gustaria) (?:\w+ )?(?:cortar|terminar|acabar|romper) con"
    r" (?:las apuestas|el juego|mis apuestas|apostar|esto de apostar)\b",
    r"(?:quero|preciso|tenho que|vou|queria) (?:\w+ )?(?:cortar|acabar|terminar|romper) com (?:as apostas|o jogo"
    r"|minhas apostas|apostar)\b",
    r"(?:no|nao) (?:quiero|quero) (?:volver|voltar) a apostar"
    r"(?! (?:al?|a la|por|en|no|na|nos|nas|pelo|pela|em|contra)\b)",
    r"(?:never|dont) want to (?:bet|gamble) (?:ever )?again",
    # wanting nothing more to do with it ("no quiero saber nada más de apuestas", "não quero mais saber de apostas"),
    # or it being over for oneself ("se acabó para mí esto de apostar", "acabou pra mim essa história de apostar")
    r"(?:no|nao) quiero saber (?:nada )?(?:mas )?(?:nada )?(?:de|con) (?:las |la )?(?:apuestas|apostar)\b",
    r"(?:nao|n) quero (?:mais )?saber (?:mais )?(?:de|das|da) (?:apostas|aposta|apostar)\b",
    r"(?:se acabo|se termino|acabou|terminou)(?: (?:para|pra|pa) (?:mi|mim))?(?: (?:esto|eso|lo|essa"
    r" historia|esse lance|isso) de)? (?:apostar|las apuestas|as apostas)\b"
    r"(?! (?:de|do|da|del) (?:hoy|hoje|ayer|ontem))",
    r"(?:get|step|walk|move|back|break) away from (?:the )?(?:gambling|betting|bets|sportsbook)",
    r"distance myself from (?:the )?(?:gambling|betting|bets)",
    r"(?:take|taking) a step back from (?:the )?(?:gambling|betting|bets)",
    r"salirme de (?:esto|las apuestas|este vicio)",
    r"dejar el vicio", r"me afastar (?:das apostas|do jogo)",
    r"(?:quero|preciso|tenho que|queria|ajud\w* a|como (?:eu )?(?:faco pra|posso|consigo)) sair dessa",
    r"largar (?:o vicio|essa vida)", r"(?:quiero|quero) (?:dejar|largar|parar)(?=\s*(?:$|[,.!?;:]|ya|ja|de vez|para"
    r" siempre|pra sempre))",
    # closing, cancelling, deleting or freezing the account, any wording: a user who asks a betting site to close
    # their account wants to stop betting there, so they are offered the block that holds (never a silent nothing,
    # never a balance); "cancel my bet" names no account, "why did you block my account?" is someone else's act
    rf"{_NOT_THEIRS}(?:{_CLOSE_EN}) (?:down |off )?(?:my|this|the|me my) (?:own )?(?:betting |gambling |chatbet"
    rf" |whole )?(?:{_ACCOUNT})\b",
    rf"(?:want|need|like|get|have) (?:my|this) (?:{_ACCOUNT}) (?:closed|deleted|cancell?ed|blocked|locked|frozen"
    r"|suspended|deactivated|removed|paused|shut down|shut|terminated|disabled|restricted)",
    rf"(?:{_CLOSE_ES})(?:me|nos)? (?:mi |la |esta |mi propia )?cuenta\b(?! (?:de|del) (?!apuestas)\w)",
    r"(?:dar(?:me)?|dame|denme|darnos|darme) de baja", r"(?:quiero|necesito) (?:la|mi) baja",
    rf"(?:{_CLOSE_PT})(?:-me)? (?:a |minha |a minha |essa |esta |meu )?(?:conta|cadastro|perfil)\b"
    rf"(?! (?:do|da) (?!site|app|plataforma)\w)",
    r"(?:take|get|kick|remove|throw) me (?:off|out of|from) (?:the |this |your )?(?:site|app|platform|betting"
    r"|gambling)",
    r"(?:me )?(?:tira|tirem|tire|remove|remova|removam) (?:da|do) (?:plataforma|site|app|casa)",
    r"(?:sacame|saquenme|quitame|quitenme|borrame|borrenme|eliminame|eliminenme) de (?:la plataforma|la app"
    r"|el sitio|la pagina|aqui|las apuestas)",
    r"self[- ]?ban\w*", r"quit(?:s|ting)? (?:the )?(?:gambling|betting|bets)",
    r"(?:im|i am) (?:giving up|packing in|packing up) (?:gambling|betting)",
    # a pause or break from betting said with a noun, in any language ("a timeout from betting", "una pausa con las
    # apuestas", "uma pausa nas apostas"); a pause in the match ("pausa no jogo") names no betting
    r"(?:break|pause|rest|time ?out|breather|cooling[- ]off|cool[- ]off) (?:from|of|on|with) (?:the )?(?:betting"
    r"|gambling|bets|this site|this app)",
    r"(?:descanso|pausa|tiempo|respiro|parada) (?:de|con|en|para) (?:las |mis )?(?:apuestas|apostar)",
    r"(?:descanso|pausa|tempo|folga|parada|tempinho) (?:das|de|nas|com as|para as|pras) (?:minhas )?(?:apostas"
    r"|apostar|bets)",
    r"no me (?:dejes|dejen|deje|permitas|permitan|permita) (?:volver a |seguir )?apostar",
    r"(?:nao|n) me (?:deixe|deixem|deixa|permita|permitam) (?:mais |voltar a |continuar )?apostar",
    *LIMIT_PARTS,
)

# Asking for the exclusion by its name ("put a self-exclusion on my account", "quiero que me pongan la autoexclusión",
# "ativem a autoexclusão da minha conta"): the verbs that ask for it to be put, set or switched on, per language.
_SELF_BAN = r"self[- ]?(?:exclusion|ban|exclude|block)"
_PUT_EN = (r"(?:put|place|set|apply|add|activate|enable|turn on|switch on|set up|start|get|want|need|like|request"
           r"|requesting|impose|slap|stick|do|give me|sign me up for|enroll|enrol|register|sign)")
_PUT_ES = (r"(?:pon|ponme|poner|ponerme|ponga|pongame|pongan|ponganme|aplica|aplicame|aplicar|aplicarme|aplique"
           r"|apliquen|apliquenme|activa|activame|activar|activarme|active|activen|activenme|coloca|colocame|colocar"
           r"|coloque|coloquen|coloquenme|habilita|habilitar|habiliten|mete|meteme|meter|metan|metanme|hazme|haz"
           r"|hagan|hacer|hacerme"
           r"|tramita|tramitar|tramiten|dame|denme|quiero|necesito|pido|solicito|deseo|quisiera)")
_PUT_PT = (r"(?:coloca|coloque|coloquem|colocar|ativa|ative|ativem|ativar|aplica|aplique|apliquem|aplicar|bota|bote"
           r"|botem|botar|poe|ponha|ponham|habilita|habilite|habilitem|habilitar|faz|faca|facam|fazer|liga|ligue"
           r"|liguem|ligar|quero|preciso|peco|solicito|queria|gostaria de)")
_AUTOEXCLUSION = r"auto[- ]?exclus(?:ion|ao)"
# Someone else's account or wish ("my brother wants to self-exclude", "ponerle la autoexclusión a su cuenta", "na conta
# dele"): a question about it for another, offered like one (a stop request), never performed on the user's account.
_SOMEONE = (r"wife|husband|partner|girlfriend|boyfriend|friend|mate|buddy|brother|sister|son|daughter|dad|mom|mum"
            r"|father|mother|cousin|uncle|aunt|mujer|esposa|esposo|marido|novia|novio|amigo|amiga|hermano|hermana"
            r"|hijo|hija|papa|mama|padre|madre|primo|prima|tio|tia|mulher|namorada|namorado|irmao|irma|filho|filha"
            r"|pai|mae")
_ANOTHERS = _rx(
    r"his|her|their|hers|theirs|su|sus|dele|dela|deles|delas|ponerle|ponerles|ponle|ponles",
    rf"(?:my|mi|meu|minha|a|an|the|el|la|o) (?:{_SOMEONE})s?(?: (?:wants?|needs?|asked|quiere|necesita|pidio|quer"
    rf"|precisa|pediu)| account|s account)\b",
    rf"(?:cuenta|conta) (?:de|del|do|da) (?:mi |meu |minha )?(?:{_SOMEONE})",
    rf"(?:can|could|may|should|would|will|does|did|puede|podria|pode|poderia) (?:my (?:{_SOMEONE})|mi (?:{_SOMEONE})"
    rf"|meu (?:{_SOMEONE})|minha (?:{_SOMEONE})|he|she|they|someone|somebody|alguien|alguem)\b",
)

# A first-person request to self-exclude ("I want to self-exclude my account", "quiero autoexcluirme", "quero me
# autoexcluir da plataforma", "self-exclude me for 6 months"): performed at once for a signed-in user, like the exact
# phrase; self-exclusion has one length, the policy's 6 months, and the answer says so. Not performed, but offered
# (a stop request: the 6 months, then done on a yes): a question about it ("how does self-exclusion work?", "can I
# self-exclude?", "¿puedo autoexcluirme?", "posso me autoexcluir?") and a request for another length ("por 30 días",
# "for a week", "forever"), which the policy cannot do as asked.
_EXCLUSION = _rx(
    r"self[- ]?exclude me", _EXCLUDE_ME,
    r"(?:want to|wanna|need to|like to|will|ill|going to|gonna|let me|please|pls|plz"
    r"|can you|could you|would you|you can|go ahead and|just) self[- ]?exclude",
    r"(?:want|need|request|activate|start|set up|turn on|enable|apply|sign me up for|put me (?:on|in))"
    r" (?:a |the |my |for |on )?self[- ]?exclusion", r"self[- ]?exclude (?:my account|me|myself)",
    r"autoexcluirme", r"autoexcluyanme", r"autoexcluyeme", r"autoexcluime",
    r"auto[- ]?exclu(?:ir|ye|yan|a|am) (?:mi|la|minha|a|a minha) (?:cuenta|conta)",
    r"(?:quiero|quisiera|necesito|deseo|pido|activa|activar|activame|haz|hazme|solicito)"
    r" (?:la |una |mi )?autoexclusion",
    r"me (?:auto[- ]?)?excluir", r"(?:auto)?excluir-me", r"me autoexclu(?:i|a|ye|yas|yan)", r"autoexclua-me",
    _EXCLUDE_ME_ES_PT,
    r"(?:quero|preciso|queria|peco|ativa|ativar|faz|faca|solicito) (?:a |uma |minha )?autoexclusao",
    # said with the noun, asked to be put on the account ("put a self-exclusion on my account", "quiero que me pongan la
    # autoexclusión", "coloca a autoexclusão na minha conta", "put my account under self-exclusion")
    rf"{_PUT_EN} (?:me |us )?(?:on |up |in )?(?:a |an |the |my |that |this |some )?{_SELF_BAN}",
    rf"{_PUT_EN} (?:a |an |the |my )?exclusion (?:on|to|for|in|against) (?:my|this|the) {_ACCOUNT}",
    rf"{_SELF_BAN} (?:placed|put|set|applied|added|activated|turned on) (?:on|to|for|in)",
    rf"(?:put|place|set|get) (?:my|this) {_ACCOUNT} (?:under|on|in|into) (?:a |the )?(?:{_SELF_BAN}|exclusion)",
    rf"{_PUT_ES} (?:me |le |nos )?(?:en (?:la )?|a la )?(?:la |una |mi |el )?{_AUTOEXCLUSION}",
    rf"{_PUT_PT} (?:a |uma |minha |o |na |numa |em )?{_AUTOEXCLUSION}",
    # one's own account put under it ("coloca minha conta em autoexclusão", "pon mi cuenta en autoexclusión")
    rf"{_PUT_PT} (?:a )?minha conta (?:em|na) {_AUTOEXCLUSION}",
    rf"{_PUT_ES} (?:mi )?cuenta en (?:la )?{_AUTOEXCLUSION}",
    # wanting it, the pronoun first ("me quiero autoexcluir", "me quero autoexcluir", "me gostaria de autoexcluir")
    r"me (?:quiero|quero|queria|quisiera|gostaria de|preciso|necesito|voy a|vou) (?:auto[- ]?)?excluir",
    # put into it ("me coloca na autoexclusão", "ponme en autoexclusión", "quero entrar na autoexclusão")
    rf"(?:entrar|entro|meterme|ingresar|ingreso) (?:na|em|en|a) (?:la )?{_AUTOEXCLUSION}",
    # a block asked for with the policy's own 6 months is that self-exclusion, by another name ("block me from betting
    # for 6 months", "bloquéame seis meses", "me bloqueia das apostas por 6 meses"); without the length it is offered
    r"(?:block|ban|bar|lock) (?:me|myself|my account) (?:out )?(?:from (?:all )?(?:betting|gambling|bets) )?"
    r"(?:for |during )?(?:6|six) months",
    r"(?:bloqueame|bloqueenme|bloquearme|bloquear mi cuenta|bloquea mi cuenta) (?:de (?:las )?apuestas )?"
    r"(?:por |durante )?(?:6|seis) meses",
    r"(?:me bloqueia|me bloqueie|me bloquear|bloqueia minha conta|bloqueie minha conta) (?:das apostas )?"
    r"(?:por |durante )?(?:6|seis) meses",
)
_POLICY_LENGTH = _rx(r"(?:for |por |durante |during )?(?:a |an |the |la |una |a )?(?:6|six|seis)[- ]?(?:months?|meses)",
                     r"half a year", r"medio ano", r"meio ano")
_OTHER_LENGTH = _rx(
    r"(?:\d+|a|an|one|two|three|four|five|seven|eight|nine|ten|twelve|a few|a couple of|un|una|dos|tres|cuatro|cinco"
    r"|siete|ocho|nueve|diez|doce|unos|unas|um|uma|duas|quatro|sete|oito|nove|dez|doze|uns|umas) (?:days?|weeks?"
    r"|months?|years?|dias?|semanas?|mes|meses|anos?)",
    r"forever|for good|for ever|permanently|for life|para siempre|de por vida|permanente\w*|pra sempre|para sempre"
    r"|definitivamente|the rest of the (?:year|season)|el resto del? (?:ano|temporada)|o resto do ano|until|hasta|ate"
    r"|(?:a|one) fortnight|una quincena|uma quinzena|a (?:little )?(?:while|bit)|un (?:tiempo|tiempito|rato)"
    r"|um (?:tempo|tempinho)",
)
_ABOUT_IT = _rx(
    r"how|what|whats|why|when|where|which|can i|could i|may i|do i|should i|is it|is there|are there|does|do you"
    r" (?:have|offer|do)|if i|would it|will it|am i able|tell me (?:about|how)|explain|como|que es|que pasa|por que"
    r"|cuando|cuanto|puedo|podria|se puede|hay|existe|si me|explica\w*|posso|poderia|da pra|tem como|o que|quando"
    r"|se eu|funciona|explique",
)


# Performing is stricter than offering. A wish denied anywhere before the request in its clause ("I don't need to
# exclude myself", "I refuse to…", "there's no reason to…", "no pienso excluirme", "nunca voy a…", "no hace falta…",
# "não vou me excluir") is no request: the words between the negation and the request are only those a denied wish
# uses, so "I can't take it anymore, exclude me" still asks.
_DENIED_WISH = re.compile(
    r"\b(?:no|not|never|dont|doesnt|wont|cant|shouldnt|wouldnt|refuse|nao|n|nunca|jamas|jamais|ni|nem|nor)"
    r"(?:\s+(?:i|me|you|u|to|really|even|ever|need|needs|want|wanna|have|has|plan|planning|going|gonna|intend|will|think"
    r"|do|is|there|theres|any|reason|why|would|like|myself|pienso|voy|vamos|a|hace|falta|quiero|tengo|que|necesito"
    r"|tener|penso|vou|preciso|quero|ter|de|eu|yo|hay|razon|motivo|para|pra|por|the|la|el|o|mas|mais|loco|louco"
    r"|vez|way|chance|plans?|intention|como|se|vai|va|hacerlo|fazer|go|pensando|pensar))"
    r"{0,6}\s+$")
_CLAUSE_START = re.compile(r".*(?:[.!?;,]|\bbut\b|\bpero\b|\bmas\b|\bporem\b|\bthough\b)\s*")
# "exclude myself", "excluirme" (the reflexive, the infinitive) ask only with a wish right before them ("I'd like to",
# "please", "quiero", "necesito"): "my therapist thinks I should exclude myself" reports advice, it asks nothing
_BARE_FORM = re.compile(r"^(?:exclude myself|excluirme)\b")
_WISH = re.compile(
    r"(?:\b(?:want to|wanna|would like to|id like to|like to|need to|please|pls|plz|let me|going to|gonna|will|ill"
    r"|quiero|quisiera|necesito|deseo|voy a|me gustaria|por favor|ayudame a|ayudenme a|puedes|pueden|podrias)"
    r"(?: (?:to|really|just|a|ya|ahora))?)\s+$")


def _asked(match: re.Match[str], text: str) -> bool:
    """The request `match` is the asker's wish: no negation cancels it, no denied wish stands before it in its clause,
    and its bare reflexive or infinitive form has a wish right before it."""
    clause = _CLAUSE_START.sub("", text[: match.start()])
    if negated(text, match.start()) or _DENIED_WISH.search(clause):
        return False
    return not _BARE_FORM.search(match.group()) or bool(_WISH.search(clause))


def asks_self_exclusion(reading: Reading) -> bool:
    """A first-person request to self-exclude (not negated, not a question about it) naming no length or the
    policy's 6 months; every reading is asked (number words as digits: "por treinta días" names another length)."""
    texts = reading.versions.values()
    # the length said as a modifier ("a 6 month self exclusion", "la autoexclusión de seis meses") is the request's
    unlengthened = [" ".join(_POLICY_LENGTH.sub(" ", text).split()) for text in texts]
    if not any(_asked(match, text) for text in [*texts, *unlengthened] for match in _EXCLUSION.finditer(text)) \
            or any(_ABOUT_IT.search(text) or _ANOTHERS.search(text) for text in texts):
        return False
    return not any(_OTHER_LENGTH.search(_POLICY_LENGTH.sub(" ", text)) for text in texts)


def asks_limit(reading: Reading) -> bool:
    """A limit on one's own betting or deposits asked for (`LIMIT`, also a stop request): the answer points to the
    profile's daily stake limit first."""
    return found(LIMIT, reading.text)
