"""Controlled vocabularies of the data contract (DATA_CONTRACT.md), in one place.

Adding a value is a minor release; renaming or removing one is a major release.
"""

SOURCE_KINDS = (
    "consumer_health",
    "commercial_blog",
    "professional_reference",
    "patient_org",
    "government",
    "other",
)

MEASURES = (
    "familial_fraction",
    "sporadic_fraction",
    "incidence",
    "birth_incidence",
    "prevalence",
    "case_count",
)

UNITS = ("proportion", "per_person_year", "per_live_birth", "persons")

# The unit each measure is expressed in; the release gate checks every row against it.
# Prevalence is a proportion of a population ("1 in 10,000 people").
MEASURE_UNITS = {
    "familial_fraction": ("proportion",),
    "sporadic_fraction": ("proportion",),
    "incidence": ("per_person_year",),
    "birth_incidence": ("per_live_birth",),
    "prevalence": ("proportion",),
    "case_count": ("persons",),
}

# Inheritance modes and their HPO terms, in the contract's order (None: HPO has no bare "autosomal").
INHERITANCE_HPO = {
    "autosomal_dominant": "HP:0000006",
    "autosomal_recessive": "HP:0000007",
    "autosomal": None,
    "x_linked": "HP:0001417",
    "x_linked_recessive": "HP:0001419",
    "x_linked_dominant": "HP:0001423",
    "mitochondrial": "HP:0001427",
    "y_linked": "HP:0001450",
    "multifactorial": "HP:0001426",
    "de_novo": "HP:0025352",
    "sporadic": "HP:0003745",
}
INHERITANCE_MODES = tuple(INHERITANCE_HPO)

MODALITIES = (
    "blood_test",
    "creatine_kinase_test",
    "mri",
    "ct",
    "x_ray",
    "ultrasound",
    "nerve_conduction_study",
    "electromyography",
    "muscle_biopsy",
    "nerve_biopsy",
    "genetic_testing",
    "lumbar_puncture",
    "enzyme_assay",
    "pulmonary_function_test",
    "physical_examination",
    "other",
)

POPULATIONS = (
    "US",
    "UK",
    "Europe",
    "Canada",
    "Australia",
    "worldwide",
    "males",
    "females",
    "newborns",
    "children",
    "adults",
    "older_adults",
)

SOURCE_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
FACT_ID_PATTERN = r"^[0-9a-f]{16}$"
CONDITION_ID_PATTERN = r"^(ORPHA:[0-9]+|OMIM:[0-9]{6}|HP:[0-9]{7}|local:[a-z0-9_]+)$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
EXTRACTOR_PATTERN = r"^[a-z_]+(\.[a-z0-9_]+)*@[0-9]+$"
