from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from services.root_cause.features import tf_idf

DOCUMENTS = [
    "connection refused connection refused",
    "no space left on device",
    "connection reset by peer",
    "",
    "device busy device busy device",
]


def test_tf_idf_matches_the_fitted_transformer_including_empty_rows():
    counts = CountVectorizer().fit_transform(DOCUMENTS)
    weights = TfidfTransformer(sublinear_tf=True).fit(counts)
    expected = weights.transform(counts).toarray()
    assert np.allclose(tf_idf(counts, weights).toarray(), expected)
    assert not tf_idf(counts, weights)[3].nnz


def test_tf_idf_ignores_explicitly_stored_zeros():
    counts = sparse.csr_matrix(CountVectorizer().fit_transform(DOCUMENTS), dtype=np.float32)
    weights = TfidfTransformer(sublinear_tf=True).fit(counts)
    masked = sparse.diags([1.0, 0.0, 1.0, 1.0, 0.0]) @ counts  # as the trouble-line mask does
    assert np.isfinite(tf_idf(masked, weights).data).all()
    assert np.allclose(tf_idf(masked, weights).toarray()[[0, 2]], weights.transform(counts).toarray()[[0, 2]])
