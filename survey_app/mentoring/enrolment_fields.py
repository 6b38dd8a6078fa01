"""The fixed answers of an enrolment: OPDs, bands, position types, availability slots.

The OPD is a choice from a fixed list, not free text: the matching compares OPDs for
equality (same-OPD or cross-OPD rounds), and "Dinkes", "Dinas Kesehatan" and a typo
would be three OPDs. Bands follow the needs survey (golongan I-II/III/IV; years of
service with the lowest band at 0-5 years). Stored values are the codes below, in
increasing order for the bands.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

#: Golongan bands, lowest first.
GRADE_BANDS = ("I-II", "III", "IV")
#: Years-of-service bands (the needs survey's masa_kerja), lowest first.
SERVICE_BANDS = ("0-5", "6-15", "16-25", "26+")
POSITION_TYPES = ("manajerial", "fungsional", "pelaksana")

DAYS = ("mon", "tue", "wed", "thu", "fri")
TIMES = ("am", "pm")
MODES = ("online", "in_person")
#: Availability slots as stored: ``mon_am`` … ``fri_pm``, then the modes.
SLOTS = tuple(f"{day}_{time}" for day in DAYS for time in TIMES) + MODES

_KECAMATAN = [
    "Amplas",
    "Area",
    "Barat",
    "Baru",
    "Belawan",
    "Deli",
    "Denai",
    "Helvetia",
    "Johor",
    "Kota",
    "Labuhan",
    "Maimun",
    "Marelan",
    "Perjuangan",
    "Petisah",
    "Polonia",
    "Selayang",
    "Sunggal",
    "Tembung",
    "Timur",
    "Tuntungan",
]

#: The work units (OPD) of the Pemerintah Kota Medan a participant can belong to.
OPDS = (
    "Sekretariat Daerah",
    "Sekretariat DPRD",
    "Inspektorat",
    "Bappeda",
    "BKPSDM",
    "BPKAD",
    "Bapenda",
    "BPBD",
    "Badan Kesbangpol",
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Dinas Pekerjaan Umum",
    "Dinas Perumahan, Kawasan Permukiman dan Penataan Ruang",
    "Dinas Sosial",
    "Dinas Tenaga Kerja",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Perhubungan",
    "Dinas Komunikasi dan Informatika",
    "Dinas Lingkungan Hidup",
    "Dinas Koperasi, UKM dan Perdagangan",
    "Dinas Penanaman Modal dan PTSP",
    "Dinas Kebudayaan",
    "Dinas Pariwisata",
    "Dinas Pemuda dan Olahraga",
    "Dinas Ketahanan Pangan, Pertanian dan Perikanan",
    "Dinas Pemadam Kebakaran dan Penyelamatan",
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
    "Dinas Perpustakaan dan Kearsipan",
    "Satpol PP",
    "RSUD dr. Pirngadi",
    *(f"Kecamatan Medan {name}" for name in _KECAMATAN),
)

POSITION_LABELS = {
    "manajerial": _l("Managerial (structural)"),
    "fungsional": _l("Functional"),
    "pelaksana": _l("Executive (pelaksana)"),
}
SERVICE_LABELS = {
    "0-5": _l("5 years or less"),
    "6-15": _l("6-15 years"),
    "16-25": _l("16-25 years"),
    "26+": _l("More than 25 years"),
}
DAY_LABELS = {
    "mon": _l("Monday"),
    "tue": _l("Tuesday"),
    "wed": _l("Wednesday"),
    "thu": _l("Thursday"),
    "fri": _l("Friday"),
}
TIME_LABELS = {"am": _l("morning"), "pm": _l("afternoon")}
MODE_LABELS = {"online": _l("Online"), "in_person": _l("In person")}


def slot_label(slot: str) -> str:
    """``mon_am`` → "Monday morning"; modes by their name."""
    if slot in MODE_LABELS:
        return str(MODE_LABELS[slot])
    day, _sep, time = slot.partition("_")
    return f"{DAY_LABELS[day]} {TIME_LABELS[time]}"
