"""The outsiders' test batches of issue 17, one record each: the three files, their pinned bytes, when they were
sealed and first run, and whether the batch is still the sealed test set.

How a batch is made and kept honest (bench/README.md has each batch's story and first-run figures):
- An outside helper who never saw the engine writes three files — labelled sentences
  (`intents_test_sealed_N.jsonl`, scored by `nlu_eval`), multi-turn scripts (`followups_test_sealed_N.jsonl`) and
  safety cases (`safety_cases_sealed_N.jsonl`), scored by `followup_eval` — and commits them alone (`sealed_in`)
  before anything runs on them. Their SHA-256 digests are pinned here and checked by a test: a changed byte would
  make the figures incomparable, so a file is never edited; a wrong expectation is marked instead
  (`nlu_eval.WRONG_LABELS`, `followup_eval.WRONG_EXPECTATIONS`, `followup_eval.WRONG_SAFETY_EXPECTATIONS`).
- While it is sealed (`sealed=True`, at most one batch), the benchmark runs it only under `--sealed` and prints only
  its aggregates, on lines labelled with its first run's commit; nobody tuning the engine reads its sentences or
  errors.
- Its first run (`first_run`) is recorded in bench/README.md. Then it becomes a development set: its errors are read
  and fixed by kind (never by copying a sentence into the corpus or the rules), its failures are printed, and a new
  outsider writes the next sealed batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Batch:
    number: int
    intents_sha256: str
    scripts_sha256: str
    safety_sha256: str
    sealed_in: str  # the commit that added the three files, alone
    first_run: str | None  # the commit of the first benchmark run; None until it has run once
    sealed: bool = False  # True: the sealed test set (aggregates only)

    @property
    def intents(self) -> Path:
        return DATA_DIR / f"intents_test_sealed_{self.number}.jsonl"

    @property
    def scripts(self) -> Path:
        return DATA_DIR / f"followups_test_sealed_{self.number}.jsonl"

    @property
    def safety(self) -> Path:
        return DATA_DIR / f"safety_cases_sealed_{self.number}.jsonl"

    @property
    def pinned(self) -> dict[Path, str]:
        return {self.intents: self.intents_sha256, self.scripts: self.scripts_sha256,
                self.safety: self.safety_sha256}

    def label(self, this_run: str = "this run") -> str:
        """How the benchmark names the batch: a sealed one by its first run (or this run, which is then the first),
        a development one by when it stopped being sealed."""
        if self.sealed:
            return f"sealed batch {self.number} (first run: {self.first_run or this_run})"
        return f"batch {self.number} (sealed until its first run at {self.first_run})"


BATCHES = (
    Batch(2, intents_sha256="cda005bc0c920a0af13ab73afa77ca24dd492fca16f992e00d7fd67733d8de8d",
          scripts_sha256="61251534bc8ad5852c81a0f1bd0caa195271c6cd61df7b52f22089e8474fb7d9",
          safety_sha256="87d7468b0db9982dbf009bf4c12a14a64758bba4a0e305c27fc0685f8f837276",
          sealed_in="d8d12a1", first_run="b775138"),
    Batch(3, intents_sha256="54dcefb1419e83f8ee81712d2ae59b8441bae0c8523b47ec8e196e1dc4149abf",
          scripts_sha256="c4cc67e6bec38d614830c832179f438d15399c6b3f74a18601b8711320d307da",
          safety_sha256="dee5ad39fefacf265b72831ffa25c57f1623702ba987f6c19f0661f9cd86eb99",
          sealed_in="c5a5ece", first_run="629310d"),
    Batch(4, intents_sha256="d6b43ab1f128329e6fb09dad32159e71ad78c5c63800a62e47be176917a65bad",
          scripts_sha256="8b1b19b26ff28bf3dbf31a60799e5d556e1efd16b275ec11acd0026b9a5644fc",
          safety_sha256="bfdd79b32769ab36c32cadf80a2715febfbbe94c8aea7e4e84e33e3bc2219f5b",
          sealed_in="0486756", first_run="1d1c00e"),
    Batch(5, intents_sha256="f808b49b29f5abe05a1b5fada06afcb6f993b9da811bf332e0603c48083191eb",
          scripts_sha256="df2219eedaa8030635dce0f3c9ec0b27da52c2ece7fcfc295749c4480015d189",
          safety_sha256="2db6cdae51c8e987049424fb3272af00150f6b1d14ab5383923b2155b3729c08",
          sealed_in="247188b", first_run="fb6743f"),
    Batch(6, intents_sha256="8d87de0f78ca7aa6fe0e158fb52fabadb0ae3bd366d75def730dda2002717da1",
          scripts_sha256="5bcc17ae51472bbbe1ab5bcc1079123b47b4c403b35a69ee51775d01f0a32216",
          safety_sha256="6c7dcadb94e5e41093c78b10a379cbe0ed1d317eba493d45b17a8e3c61bb136a",
          sealed_in="998a6b2", first_run="248e266"),
    Batch(7, intents_sha256="f2fad7713ed69fc3f0256e1104fe67fec88d5383121154e16670873c313b409b",
          scripts_sha256="455c09213fc0528b9cad0b14395788aea9dcc9295b8ebfd7d67fcf0e0e86d46b",
          safety_sha256="db919aa3708392c6a4e7d07832d64c0f681f898cc113e485a398f72e880cf8ae",
          sealed_in="773fee5", first_run="5c3f979"),
    Batch(8, intents_sha256="91092c28432d442cd732dec104009a159a255a39c57e786795b516f502d43b7d",
          scripts_sha256="01967aa30dc8510753d04c35d9ed284ba81be0a1ec4c6f3fb8835d7372884646",
          safety_sha256="3885fc2263779f58a3fb6a502c73f611aba312fa4f37fb5568ec2675b8afe9b4",
          sealed_in="d87f619", first_run="4db5a17"),
    Batch(9, intents_sha256="cc53f208642a0b981a290f81d78da7ba80c5ec13a4cc01c2db223e86d1afef5b",
          scripts_sha256="26bd695b8ab78e3a90a66362ed2b7d012d7102c99890a94d90981335a1d954c4",
          safety_sha256="85d2f1b8c30e2c5131f09a78cc1014b7d8f2b3cdd2aedfed812f10bfc4970af9",
          sealed_in="a7080eb", first_run="5cd13e6"),
    Batch(10, intents_sha256="7e3097582103bf04af5ec5a6d906915efdfe7e3b56a382482c30396bd67a7790",
          scripts_sha256="e913b04762945944f134428dc978e3c208c3322a1af152ceb08f3d25ff4c0ba4",
          safety_sha256="f48d1b949de9647d6d6e2eb8a4bc1946cb28b8183a6bc95ddb195225108de2bc",
          sealed_in="4f4794a", first_run="f1dea35"),
    Batch(11, intents_sha256="039a478d81901c7c9be50b43a29fb2a54c9efeeff7c7385446dd72b1a625f287",
          scripts_sha256="ad34284d0bef537c34ff6466d58bb52f1ccdc7e4619f034a60c8796d765c094e",
          safety_sha256="d6c5f7fa1f8dce6567f582085f9a340b5f94f63afbca7248b762f3bfcb12f0e2",
          sealed_in="7398c18", first_run="a3e0a24"),
    Batch(12, intents_sha256="47b04fb06720f2030990969e1eb75a73f8bd192252c79a76f884f188fb7116c6",
          scripts_sha256="010ed3b080c1bb7c35e4f45901923e2fa858d842e034ff9d395d484d2661a497",
          safety_sha256="234b5dfe74ea3f862e14ad0b90820352b8b2144eceb4dadf0848267586120386",
          sealed_in="8b4b46b", first_run="e60e094"),
    Batch(13, intents_sha256="19313a03ea3183dedaa14888c75042bc30a75730ebec0393d258f7e254bcbfe9",
          scripts_sha256="ccff3c90d6856849f97168f95d24d59859598c2535dba97b4a411e30b65c8c22",
          safety_sha256="a9b787e30ee16bbc6fb08b1c93ce1a782c29689b8d29e76ed920a1c9f69473a3",
          sealed_in="4ad51ab", first_run="fc8b64b"),
    Batch(14, intents_sha256="99810b49d762277292fbf18d46940ad83498a22ac24b21610b695141ae874ab3",
          scripts_sha256="d87cd6aacc4f3dce6789c279add253fd97204caa97b102120fc5e5dfb95c840c",
          safety_sha256="67e7683579e5ea37ca5e141b1614c41be00f5c60a66f85e0a8063c03e18072fd",
          sealed_in="5e7dd46", first_run="5766027"),
    Batch(15, intents_sha256="deb1940e5de167d202c61075dfac2a92ffc45a7b212cd4e7f48d6f9002e006d9",
          scripts_sha256="48d64d350d04543bbb752930ae08e1269b952448d16f6fc684cf91b06650034b",
          safety_sha256="e430613fa1abeb8577cd3682022705d7e9a236424a0bd0b1bb1ed5b1453efe52",
          sealed_in="41a06d1", first_run="955f266"),
    Batch(16, intents_sha256="6922b3e02f309e118caf686fa6f98c534f583fd9c32a79c99298c5ceda5ea997",
          scripts_sha256="d1a39a3771b777a42003ae48a9ab82710feff391fe6a1a3e23bd7e69660ad7e2",
          safety_sha256="fcf7266abb5310cf51fbf532acfd26553a496d2332932671ee41455295a28f5c",
          sealed_in="526caf5", first_run="83a5df6"),
    Batch(17, intents_sha256="1d66c16553f1922a6c6931510ca85e35938415e5c795150d4d07592a92a8e87f",
          scripts_sha256="c2736ba4b30492813d45f1c5b7a08e51bd5c0e71068860852329063ad1208c2f",
          safety_sha256="e5fdd6ba4c353f5e5a289699a55ec96ad518338431fdbed5f6fe6dd0fa39a1c8",
          sealed_in="3bfacbe", first_run="176ad29"),
    Batch(18, intents_sha256="74548c2d50dff4f47b1ca0a8599f9105474c1d9ae3f90563978472e6b9bce5b5",
          scripts_sha256="1c79af915b88104d7f1036a31ba06452542946e35d5b79890819d1c158c98645",
          safety_sha256="86030457b1509cf86b41203a2dccc95930109910909087ed8e50ee226b236668",
          sealed_in="7d743e5", first_run="19b511d"),
    Batch(19, intents_sha256="4eda5e4c2800d43089d1370181860412a1614a6ef072c633c15a797716c7b310",
          scripts_sha256="ee6edbae3ac0c477d6410699154fc07aa9a9eafb71aff2655324cb935c18a232",
          safety_sha256="cff0edd996c5b3b0731d5d395ff01f35fda8dce2a2f88a4e399e701356c67033",
          sealed_in="5fa5c34", first_run="0dc155f"),
    Batch(20, intents_sha256="54b30ffeb204a3dc9e0e005d1ab7e27f2939e5b6d516b2f53c922ca2ae9712e6",
          scripts_sha256="b0efbcbe230c21f0a0222faa4f83b62ec62040a7b57f9b7d4902f40f114d7fbe",
          safety_sha256="d5d433537cae8a941d56de620ccbe7e4eb8cd138b2283a2893efbd17a20c66b0",
          sealed_in="bd92d41", first_run="d3d05b3"),
    Batch(21, intents_sha256="869e2aa4d600de3babab8898bef7b15c51c4ef16625b98c7330b1e38e0921d32",
          scripts_sha256="01f5e535512ccaa2c6198ac287af611930723d9da67418e6d03b8c631e603c64",
          safety_sha256="539013debc8fb6fc091d3ea185d96ce9251af3b505d8119c1738794fcbe975c0",
          sealed_in="f3ae2d8", first_run="5fa4642"),
    Batch(22, intents_sha256="b7fe9f30e608213764570eec638acd19264f8cc0bb6b73d551c06c995b43f5a4",
          scripts_sha256="a1ccd47793d592ac7a9cf7a7d1a97e942180b8f7d9666de7ecf3759987ac4eeb",
          safety_sha256="e593fe60ea60786c71d317be1b7b6fd60dc4f53519dbd779924235ffdf620739",
          sealed_in="0833430", first_run="810f6cf"),
    Batch(23, intents_sha256="b33298645645ad6b2a61ccf9c1e8b27415df3fbd4f88f0a43f3ee9305153f44f",
          scripts_sha256="e99bd7dae2a960d1649ed11ca73d39b65466973f92d04c15dc1c03a6cd4ae966",
          safety_sha256="35e292aa5f3874335b9a5155964aba41afec65954e70e2d93c1f26a153c28ba9",
          sealed_in="45cfd27", first_run="abfc2d1"),
    Batch(24, intents_sha256="b5b9c87f62b7fc3b91e9d75684c041ba1b5fe35402a9dde0f5abe85843c70bcf",
          scripts_sha256="f38540b77cd952afc562be304985b9a20fcae5aacd102db3c3a6d9164090f1dd",
          safety_sha256="21fef70b70910a15f30778e2100d04976d992b9202875d91aaaf34437339459a",
          sealed_in="fe830bd", first_run="e3bc07d"),
    Batch(25, intents_sha256="f949cf850ea066fc810fe80e2c5362fc08e22f057cabc6e80005b065e849bbaf",
          scripts_sha256="c6252b3fb2788b2166e0549e749d56a2d7ee2a03d65de61d55a2c96d245e3bf4",
          safety_sha256="31f1806a63ac8f6c466e8109f2ff61b7f2236d2ae4d76a6e2398e3042686a42f",
          sealed_in="50d6d23", first_run="c0fb9e5"),
    Batch(26, intents_sha256="738b50d3f6b198f6d38ccb6f0c401445d0c41c9f16047dbee102f070c38720b9",
          scripts_sha256="7e63bcd137e6715470343687aed3b3204bad7983ec86def4ced41eab2bacea6b",
          safety_sha256="9f07a1b0be3e8ae341fc4bd06f7c4e0fd6a923608ce4d3ef1ac555de66a09e75",
          sealed_in="b2eeaa1", first_run="0f93d9a"),
    Batch(27, intents_sha256="cabeb47b40e6b67f0c25770b732b71d45d860588ff5b084998d94e0ebe1dbfef",
          scripts_sha256="540d3fb598949d087afc41d404753d21d6fe3fc07a243d05a88eaa26a146ede3",
          safety_sha256="25da8ddaaa5cc76796b64c1df312289b720a32973e9d1aa5fcc3cff0390254db",
          sealed_in="673cba2", first_run="8bc6fbc"),
    Batch(28, intents_sha256="8f6da26b28cb9ced7daa9440e4377b9e95b2476ec133c45f06b40f9321ce6cd0",
          scripts_sha256="da5f743c552160871fef0850bb3ee711eba67d010bb467d687535aaf83a50aef",
          safety_sha256="bfb8974f79712d41165b8d7d5a7e17d81c33a6fe6edf39a31ad6694e3fe4d0b2",
          sealed_in="35a606f", first_run="b40ab1d"),
    Batch(29, intents_sha256="4dc867971784acdde7bff44b1d48dc59009301dbb1d476687fc4a42df4db07e3",
          scripts_sha256="bdcb0389901327625de9f76fb91f0cbfc8ea16fe6cf49fd29ac04a9e706b5714",
          safety_sha256="0ab17f47068ffc0ac8f408c384be581a627589da9484995a4982e6e5bf9afb97",
          sealed_in="9dda5c0", first_run="c33ede8"),
    Batch(30, intents_sha256="c23a95ef9823735191e0032647f5a5dc82d2823a6669aac3853547b297204439",
          scripts_sha256="b8ad90f2e98abd0fa03a1d6fa81aeac28003ce01a1070d17e2f01b7ef31f870b",
          safety_sha256="5b6b592f13e800b826e66498c60371d3e8ae16bd590b5bb70d823878ea379d52",
          sealed_in="22a3a45", first_run="ebabc8e"),
    Batch(31, intents_sha256="beca46bbfa0a7cf7cb929402e43655194708caa4f07b32ec9c3a4b5a68a85fcc",
          scripts_sha256="9c19f5149b32990d89572b16ea93364678d133b5a21afae0d93df4b9cdbc6006",
          safety_sha256="f520d3b7548b8f38c08ecc8f3afaa0b97e22ec2d38704d7f1e563ba458b20a87",
          sealed_in="1f833de", first_run="e412bd6"),
    Batch(32, intents_sha256="ff043471dd7973c32252718d5c2a4605bc8b6c0262fdd981cde4da4bdb094dab",
          scripts_sha256="33730720b4c1b010d2beb3d5b31758958a40826dd074a4aca04811e9c48f91bc",
          safety_sha256="e7aa1ad44138c0b2dd01937a98a37a529fdfbe5241b8c8f81e687792efe97002",
          sealed_in="77c160e", first_run="b39daa0"),
    Batch(33, intents_sha256="5ae88ebd7bf310f3aba21465c78165e39d9656f4fa36e1150950d2a7b7fb562f",
          scripts_sha256="555d28d6eb7ea7e99095d48b0568a9a65f332b6ef752a59e3633052ac8a387d1",
          safety_sha256="017e31157954551ad3e923057991d3407502846cc5cba0ef30f35340e0a4a020",
          sealed_in="9e39b58", first_run="ab5614b", sealed=True),
)
DEVELOPMENT_BATCHES = tuple(batch for batch in BATCHES if not batch.sealed)
SEALED_BATCH: Batch | None = next((batch for batch in BATCHES if batch.sealed), None)
