/* A compiled screen in front of the rules table in _rules.py; optional, with a pure-Python
 * fallback (the package works the same without it, only slower).
 *
 * quiet(payload) answers one question: can no rule of the table fire on this payload? It answers
 * True only when it is sure, and False ("maybe") whenever anything is unusual; then the Python
 * table decides. So it must be sound, not complete: True on a payload where a rule fires would
 * lose an issue, a needless False only costs time.
 * tests/test_fast_paths.py holds it to that on generated, mutated and rule-breaking orders.
 *
 * It reads only values; every name it reads comes from configure(), which _rules.py calls with
 * the schema's field groups and the rules' own constants, so nothing of the contract is
 * restated here. Floating-point work is the same IEEE arithmetic as the Python rules, and where
 * a comparison is against a tolerance, the screen keeps a margin and says "maybe" near it.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <string.h>

/* What configure() stored: borrowed nowhere, owned here for the life of the process. */
static PyObject *datetime_groups, *money_groups, *slot_start, *slot_end, *pickup, *price_key,
    *sum_keys, *minus_key, *total_key, *items_key, *quantity_key, *unit_price_key, *subtotal_key,
    *item_id_key, *cancel_key, *service_key, *white_label, *white_label_only, *details_key,
    *country_key, *market_key, *market_countries;

#define MAYBE 1
#define QUIET 0
#define FAILED -1

/* Below this magnitude doubles and Python's int/float mix give identical sums and products. */
#define EXACT_LIMIT 1e12
/* Margin kept from a rule's tolerance: the screen says "maybe" this close to the threshold. */
#define MARGIN 0.001

static PyObject *get(PyObject *dict, PyObject *key) {
    /* A borrowed value, or NULL when absent (an error is left set only on a real failure). */
    return PyDict_GetItemWithError(dict, key);
}

/* A JSON number as a double; *usable turns 0 for anything else or beyond EXACT_LIMIT. */
static double number(PyObject *value, int *usable) {
    double x;
    if (PyFloat_CheckExact(value)) {
        x = PyFloat_AS_DOUBLE(value);
    } else if (PyLong_CheckExact(value)) {
        x = PyLong_AsDouble(value);
        if (x == -1.0 && PyErr_Occurred()) {
            PyErr_Clear();
            *usable = 0;
            return 0.0;
        }
    } else {
        *usable = 0;
        return 0.0;
    }
    if (!(x < EXACT_LIMIT && x > -EXACT_LIMIT)) *usable = 0;
    return x;
}

/* datetime_invalid: a day after the 28th, or a year before 1000, needs the calendar. */
static int text_ready(PyObject *text) {
#if PY_VERSION_HEX < 0x030C0000
    return PyUnicode_READY(text) == 0; /* always true for strings made since 3.3 */
#else
    (void)text;
    return 1;
#endif
}

static int datetime_suspect(PyObject *value) {
    if (value == NULL || !PyUnicode_CheckExact(value)) return QUIET; /* the schema's business */
    if (!text_ready(value)) return FAILED;
    if (!PyUnicode_IS_ASCII(value) || PyUnicode_GET_LENGTH(value) < 10) return MAYBE;
    const char *text = (const char *)PyUnicode_DATA(value);
    if (text[0] < '1') return MAYBE;
    if (text[8] > '2' || (text[8] == '2' && text[9] > '8')) return MAYBE;
    return QUIET;
}

/* money_precision: a float that is not the double nearest a whole number of cents. */
static int money_suspect(PyObject *value) {
    if (value == NULL || !PyFloat_CheckExact(value)) return QUIET; /* ints have no decimals */
    double x = PyFloat_AS_DOUBLE(value);
    if (!(x < 9e13 && x > -9e13)) return MAYBE;
    return nearbyint(x * 100.0) / 100.0 != x ? MAYBE : QUIET;
}

/* Apply check to every value of a group of fields: ((parent pattern, names), ...). */
static int groups_suspect(PyObject *payload, PyObject *groups, int (*check)(PyObject *)) {
    Py_ssize_t count = PyTuple_GET_SIZE(groups);
    for (Py_ssize_t g = 0; g < count; g++) {
        PyObject *group = PyTuple_GET_ITEM(groups, g);
        PyObject *parent = PyTuple_GET_ITEM(group, 0), *names = PyTuple_GET_ITEM(group, 1);
        Py_ssize_t depth = PyTuple_GET_SIZE(parent), n = PyTuple_GET_SIZE(names);
        if (depth == 0) {
            for (Py_ssize_t i = 0; i < n; i++) {
                PyObject *value = get(payload, PyTuple_GET_ITEM(names, i));
                if (value == NULL && PyErr_Occurred()) return FAILED;
                if (check(value)) return MAYBE;
            }
            continue;
        }
        PyObject *first = PyTuple_GET_ITEM(parent, 0);
        if (first == Py_None) return MAYBE;
        PyObject *node = get(payload, first);
        if (node == NULL) {
            if (PyErr_Occurred()) return FAILED;
            continue; /* absent: nothing to read */
        }
        if (depth == 1) {
            if (!PyDict_CheckExact(node)) continue; /* the rules skip what is not an object */
            for (Py_ssize_t i = 0; i < n; i++) {
                PyObject *value = get(node, PyTuple_GET_ITEM(names, i));
                if (value == NULL && PyErr_Occurred()) return FAILED;
                if (check(value)) return MAYBE;
            }
        } else if (depth == 2 && PyTuple_GET_ITEM(parent, 1) == Py_None) {
            if (!PyList_CheckExact(node)) continue;
            for (Py_ssize_t e = 0; e < PyList_GET_SIZE(node); e++) {
                PyObject *entry = PyList_GET_ITEM(node, e);
                if (!PyDict_CheckExact(entry)) continue;
                for (Py_ssize_t i = 0; i < n; i++) {
                    PyObject *value = get(entry, PyTuple_GET_ITEM(names, i));
                    if (value == NULL && PyErr_Occurred()) return FAILED;
                    if (check(value)) return MAYBE;
                }
            }
        } else {
            return MAYBE; /* a deeper shape: leave it to the table */
        }
    }
    return QUIET;
}

/* slot_window_order and pickup_after_slot, for the common 19-character shape only. */
static int slots_suspect(PyObject *payload) {
    PyObject *start = get(payload, slot_start), *end = get(payload, slot_end),
             *ready = get(payload, pickup);
    if (PyErr_Occurred()) return FAILED;
    if (end == NULL || !PyUnicode_CheckExact(end)) return QUIET; /* both rules need the end */
    if (!text_ready(end)) return FAILED;
    if (!PyUnicode_IS_ASCII(end) || PyUnicode_GET_LENGTH(end) != 19) return MAYBE;
    const char *end_text = (const char *)PyUnicode_DATA(end);
    PyObject *others[2] = {start, ready};
    for (int i = 0; i < 2; i++) {
        PyObject *other = others[i];
        if (other == NULL || !PyUnicode_CheckExact(other)) continue;
        if (!text_ready(other)) return FAILED;
        if (!PyUnicode_IS_ASCII(other) || PyUnicode_GET_LENGTH(other) != 19) return MAYBE;
        int order = memcmp((const char *)PyUnicode_DATA(other), end_text, 19);
        if (order >= 0) return MAYBE; /* start at or after end; ready at or after end */
    }
    return QUIET;
}

/* price_total_mismatch and subtotal_mismatch, with a margin from their tolerance. */
static int sums_suspect(PyObject *payload) {
    PyObject *price = get(payload, price_key);
    if (price == NULL) return PyErr_Occurred() ? FAILED : QUIET;
    if (!PyDict_CheckExact(price)) return QUIET;
    int usable = 1;
    double expected = 0.0;
    Py_ssize_t n = PyTuple_GET_SIZE(sum_keys);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *value = get(price, PyTuple_GET_ITEM(sum_keys, i));
        if (value == NULL) {
            if (PyErr_Occurred()) return FAILED;
            continue;
        }
        expected += number(value, &usable);
    }
    PyObject *minus = get(price, minus_key);
    if (minus != NULL) expected -= number(minus, &usable);
    PyObject *total = get(price, total_key);
    if (total != NULL && fabs(number(total, &usable) - expected) > 0.005 - MARGIN) return MAYBE;
    if (PyErr_Occurred()) return FAILED;
    if (!usable) return MAYBE;

    PyObject *items = get(payload, items_key), *subtotal = get(price, subtotal_key);
    if (PyErr_Occurred()) return FAILED;
    if (items == NULL || subtotal == NULL || !PyList_CheckExact(items)) return QUIET;
    double approximate = 0.0;
    for (Py_ssize_t e = 0; e < PyList_GET_SIZE(items); e++) {
        PyObject *item = PyList_GET_ITEM(items, e);
        if (!PyDict_CheckExact(item)) return QUIET; /* the rule needs every unit price */
        PyObject *quantity = get(item, quantity_key), *unit = get(item, unit_price_key);
        if (PyErr_Occurred()) return FAILED;
        if (unit == NULL) return QUIET;
        if (quantity == NULL) return MAYBE;
        approximate += number(quantity, &usable) * number(unit, &usable);
    }
    if (!usable || fabs(approximate) > EXACT_LIMIT) return MAYBE;
    return fabs(approximate - number(subtotal, &usable)) >= 0.005 - MARGIN || !usable ? MAYBE
                                                                                     : QUIET;
}

/* duplicate_item: two entries with the same item_id. */
static int duplicates_suspect(PyObject *payload) {
    PyObject *items = get(payload, items_key);
    if (items == NULL) return PyErr_Occurred() ? FAILED : QUIET;
    if (!PyList_CheckExact(items) || PyList_GET_SIZE(items) < 2) return QUIET;
    PyObject *seen = PySet_New(NULL);
    if (seen == NULL) return FAILED;
    int verdict = QUIET;
    for (Py_ssize_t e = 0; e < PyList_GET_SIZE(items) && verdict == QUIET; e++) {
        PyObject *item = PyList_GET_ITEM(items, e);
        if (!PyDict_CheckExact(item)) continue;
        PyObject *id = get(item, item_id_key);
        if (id == NULL) {
            if (PyErr_Occurred()) verdict = FAILED;
            continue;
        }
        if (!PyUnicode_CheckExact(id)) continue; /* the rule reads only string ids */
        int found = PySet_Contains(seen, id);
        if (found < 0 || (found == 0 && PySet_Add(seen, id) < 0)) verdict = FAILED;
        else if (found == 1) verdict = MAYBE;
    }
    Py_DECREF(seen);
    return verdict;
}

/* The five warnings that read top-level fields only. */
static int presence_suspect(PyObject *payload) {
    int present = PyDict_Contains(payload, cancel_key);
    if (present != 0) return present < 0 ? FAILED : MAYBE; /* cancel_details: rarely sent */
    PyObject *service = get(payload, service_key);
    if (service != NULL && PyUnicode_CheckExact(service)) {
        int same = PyUnicode_Compare(service, white_label);
        if (same == -1 && PyErr_Occurred()) return FAILED;
        if (same != 0) {
            for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(white_label_only); i++) {
                present = PyDict_Contains(payload, PyTuple_GET_ITEM(white_label_only, i));
                if (present != 0) return present < 0 ? FAILED : MAYBE;
            }
        }
    }
    PyObject *details = get(payload, details_key), *market = get(payload, market_key);
    if (PyErr_Occurred()) return FAILED;
    if (details == NULL || market == NULL || !PyDict_CheckExact(details) ||
        !PyUnicode_CheckExact(market))
        return QUIET;
    PyObject *allowed = get(market_countries, market);
    PyObject *country = get(details, country_key);
    if (PyErr_Occurred()) return FAILED;
    if (allowed == NULL || country == NULL || !PyUnicode_CheckExact(country)) return QUIET;
    present = PySequence_Contains(allowed, country);
    return present < 0 ? FAILED : (present ? QUIET : MAYBE);
}

static PyObject *quiet(PyObject *module, PyObject *payload) {
    if (market_countries == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_screen.configure() has not been called");
        return NULL;
    }
    if (!PyDict_CheckExact(payload)) Py_RETURN_FALSE;
    int verdict = groups_suspect(payload, datetime_groups, datetime_suspect);
    if (verdict == QUIET) verdict = groups_suspect(payload, money_groups, money_suspect);
    if (verdict == QUIET) verdict = slots_suspect(payload);
    if (verdict == QUIET) verdict = sums_suspect(payload);
    if (verdict == QUIET) verdict = duplicates_suspect(payload);
    if (verdict == QUIET) verdict = presence_suspect(payload);
    if (verdict == FAILED) return NULL;
    if (verdict == MAYBE) Py_RETURN_FALSE;
    Py_RETURN_TRUE;
}

static int keep(PyObject **slot, PyObject *value) {
    Py_XINCREF(value);
    Py_XSETREF(*slot, value);
    return value != NULL;
}

static PyObject *configure(PyObject *module, PyObject *args, PyObject *kwargs) {
    static char *names[] = {"datetime_groups", "money_groups", "slot_start", "slot_end",
                            "pickup", "price", "sum", "minus", "total", "items", "quantity",
                            "unit_price", "subtotal", "item_id", "cancel", "service",
                            "white_label", "white_label_only", "details", "country", "market",
                            "market_countries", NULL};
    PyObject *v[22];
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "$O!O!UUUUO!UUUUUUUUUUO!UUUO!", names,
                                     &PyTuple_Type, &v[0], &PyTuple_Type, &v[1], &v[2], &v[3],
                                     &v[4], &v[5], &PyTuple_Type, &v[6], &v[7], &v[8], &v[9],
                                     &v[10], &v[11], &v[12], &v[13], &v[14], &v[15], &v[16],
                                     &PyTuple_Type, &v[17], &v[18], &v[19], &v[20], &PyDict_Type,
                                     &v[21]))
        return NULL;
    for (int g = 0; g < 2; g++) { /* field groups: ((parent pattern, names), ...) */
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(v[g]); i++) {
            PyObject *group = PyTuple_GET_ITEM(v[g], i);
            if (!PyTuple_CheckExact(group) || PyTuple_GET_SIZE(group) != 2 ||
                !PyTuple_CheckExact(PyTuple_GET_ITEM(group, 0)) ||
                !PyTuple_CheckExact(PyTuple_GET_ITEM(group, 1))) {
                PyErr_SetString(PyExc_TypeError, "a field group is (parent pattern, names)");
                return NULL;
            }
            PyObject *names = PyTuple_GET_ITEM(group, 1);
            for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(names); k++) {
                if (!PyUnicode_CheckExact(PyTuple_GET_ITEM(names, k))) {
                    PyErr_SetString(PyExc_TypeError, "field names are strings");
                    return NULL;
                }
            }
        }
    }
    PyObject **slots[22] = {&datetime_groups, &money_groups, &slot_start, &slot_end, &pickup,
                            &price_key, &sum_keys, &minus_key, &total_key, &items_key,
                            &quantity_key, &unit_price_key, &subtotal_key, &item_id_key,
                            &cancel_key, &service_key, &white_label, &white_label_only,
                            &details_key, &country_key, &market_key, &market_countries};
    for (int i = 0; i < 22; i++) keep(slots[i], v[i]);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"quiet", quiet, METH_O,
     "True when no rule of the table can fire on this payload; False means 'maybe'."},
    {"configure", (PyCFunction)(void (*)(void))configure, METH_VARARGS | METH_KEYWORDS,
     "Tell the screen which fields the rules read (called once by _rules)."},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_screen",
                                    "Compiled screen in front of the rules table.", -1,
                                    methods};

PyMODINIT_FUNC PyInit__screen(void) { return PyModule_Create(&module); }
